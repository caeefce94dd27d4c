using Finsam.Contracts.Api.Ips;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Mine;

/// <summary>"Anmäl dig själv": the person asks an IPS unit or a coordination team for support towards work.</summary>
public sealed class ReferralModel : ReferralFormPage
{
    public override bool ForThePerson => true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Require(Directory.ReceivingUnits.Any(u => u.Id == ToUnitId), nameof(ToUnitId), "Välj vart du vill skicka anmälan.");
        ValidateContent();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Gateway.PostAsync<SubmitReferralResponse>(
            "api/me/referrals", new OwnReferralRequest(ToUnitId, Reason!.Trim(), OwnGoal!.Trim(), Contact()), cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, ContentFields);
            return Page();
        }

        Notify($"Tack. Din anmälan är skickad till {Directory.UnitName(ToUnitId)}. De hör av sig till dig.");
        return RedirectToPage();
    }
}
