using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Referrals;

/// <summary>
/// The referral to an IPS unit. The gateway refuses it (403 consent-required) unless the person's consent lets the
/// unit receive the referral and contact details for IPS support; the page then says so and links to the consent form.
/// </summary>
public sealed class NewModel : ReferralFormPage
{
    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    public bool ConsentMissing { get; private set; }

    public IActionResult OnGet() => Contracts.Persons.PersonRef.IsValid(PersonRef) ? Page() : UnknownPerson();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        ModelState.Require(Directory.ReceivingUnits.Any(u => u.Id == ToUnitId), nameof(ToUnitId), "Välj en IPS-enhet eller ett samordningsteam.");
        ValidateContent();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var body = new SubmitReferralRequest(PersonRef, ToUnitId, Reason!.Trim(), OwnGoal!.Trim(), Contact());
        var result = await Gateway.PostAsync<SubmitReferralResponse>("api/referrals", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            ConsentMissing = problem.IsConsentRequired;
            Show(problem, ContentFields);
            return Page();
        }

        Notify("Remissen är skickad. Du ser här när IPS-enheten tar emot den.");
        return RedirectToPage("/Referrals/Index");
    }
}
