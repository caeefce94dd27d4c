using Finsam.Contracts.Api.Ips;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Ips;

/// <summary>
/// The coordinator registers a self-referral (egen anmälan) that came by phone, letter or in person: it joins the unit's
/// queue like a referral. No consent is asked; the person told the unit themself.
/// </summary>
public sealed class SelfReferralModel : ReferralFormPage
{
    public static readonly IReadOnlyDictionary<string, string> Ways = new Dictionary<string, string>
    {
        ["phone"] = "Per telefon", ["letter"] = "Med brev", ["in-person"] = "Vid besök", ["digital"] = "Digitalt, t.ex. e-post",
    };

    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty]
    public string? ReceivedVia { get; set; }

    public IActionResult OnGet() => Contracts.Persons.PersonRef.IsValid(PersonRef) ? Page() : UnknownPerson();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        ModelState.Require(ReceivedVia is not null && Ways.ContainsKey(ReceivedVia), nameof(ReceivedVia), "Välj hur anmälan kom in.");
        ValidateContent();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Gateway.PostAsync<SelfReferralRegistered>(
            "api/ips/self-referrals", new RegisterSelfReferralRequest(PersonRef, Reason!.Trim(), OwnGoal!.Trim(), Contact(), ReceivedVia), cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string>(ContentFields) { ["receivedVia"] = nameof(ReceivedVia) });
            return Page();
        }

        Notify("Den egna anmälan är registrerad och står i kön.");
        return RedirectToPage("/Ips/Index");
    }
}
