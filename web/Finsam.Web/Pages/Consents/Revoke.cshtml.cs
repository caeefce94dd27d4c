using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Consents;

/// <summary>Revoking takes effect for every later decision at once, so it asks for a reason and a confirmation.</summary>
public sealed class RevokeModel : WebPage
{
    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public Guid ConsentId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public ConsentResponse? Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : UnknownPerson();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Ange varför samtycket återkallas.");
        }
        else if (Reason.Length > 2000)
        {
            ModelState.AddModelError(nameof(Reason), "Högst 2000 tecken.");
        }

        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Bekräfta att samtycket ska återkallas.");
        }

        if (ModelState.IsValid)
        {
            var result = await Gateway.PostAsync<ConsentResponse>($"api/consents/{ConsentId}/revoke", new RevokeConsentRequest(Reason!.Trim()), cancellationToken);
            if (result.IsSuccess)
            {
                Notify("Samtycket är återkallat. Inga fler uppgifter delas med stöd av det.");
                return RedirectToPage("/Person/Index", new { personRef = PersonRef });
            }

            Show(result.Problem!, new Dictionary<string, string> { ["reason"] = nameof(Reason) });
        }

        return await LoadAsync(cancellationToken) ? Page() : UnknownPerson();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return false;
        }

        var consents = await Gateway.GetAsync<List<ConsentResponse>>($"api/persons/{PersonRef}/consents", cancellationToken);
        Consent = consents.Value?.FirstOrDefault(c => c.ConsentId == ConsentId);
        return Consent is not null;
    }
}
