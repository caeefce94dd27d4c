using Finsam.Web.Gateway;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Pages.Referrals;

/// <summary>
/// The referral to an IPS unit. The gateway refuses it (403 consent-required) unless the person's consent lets the
/// unit receive the referral and contact details for IPS support; the page then says so and links to the consent form.
/// </summary>
public sealed class NewModel : WebPage
{
    public static readonly IReadOnlyDictionary<string, string> Channels = new Dictionary<string, string>
    {
        ["phone"] = "Telefonsamtal", ["sms"] = "Sms", ["email"] = "E-post", ["letter"] = "Brev", ["in-person"] = "Personligt möte",
    };

    [BindProperty(SupportsGet = true)]
    public string PersonRef { get; set; } = "";

    [BindProperty]
    public string? ToUnitId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? OwnGoal { get; set; }

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? PreferredChannel { get; set; }

    public bool ConsentMissing { get; private set; }

    public IActionResult OnGet() => Contracts.Persons.PersonRef.IsValid(PersonRef) ? Page() : UnknownPerson();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Contracts.Persons.PersonRef.IsValid(PersonRef))
        {
            return UnknownPerson();
        }

        ModelState.Require(Directory.ReceivingUnits.Any(u => u.Id == ToUnitId), nameof(ToUnitId), "Välj en IPS-enhet eller ett samordningsteam.");
        ModelState.RequireText(Reason, nameof(Reason), "Ange anledningen till remissen.");
        ModelState.RequireText(OwnGoal, nameof(OwnGoal), "Ange personens eget mål och önskan om arbete.");
        ModelState.RequireText(ContactName, nameof(ContactName), "Ange personens namn.", 200);
        ModelState.Require(Phone is null || Phone.Length <= 50, nameof(Phone), "Högst 50 tecken.");
        ModelState.Require(string.IsNullOrWhiteSpace(Email) || (Email.Contains('@', StringComparison.Ordinal) && Email.Length <= 200), nameof(Email), "Ogiltig e-postadress.");
        ModelState.Require(string.IsNullOrWhiteSpace(PreferredChannel) || Channels.ContainsKey(PreferredChannel), nameof(PreferredChannel), "Välj ett av sätten.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var body = new SubmitReferralRequest(
            PersonRef, ToUnitId, Reason!.Trim(), OwnGoal!.Trim(),
            new ContactRequest(ContactName!.Trim(), Blank(Phone), Blank(Email), Blank(PreferredChannel)));
        var result = await Gateway.PostAsync<SubmitReferralResponse>("api/referrals", body, cancellationToken);
        if (result.Problem is { } problem)
        {
            ConsentMissing = problem.IsConsentRequired;
            Show(problem, new Dictionary<string, string>
            {
                ["toUnitId"] = nameof(ToUnitId), ["reason"] = nameof(Reason), ["ownGoal"] = nameof(OwnGoal), ["contact.name"] = nameof(ContactName),
                ["contact.phone"] = nameof(Phone), ["contact.email"] = nameof(Email), ["contact.preferredChannel"] = nameof(PreferredChannel),
                ["contact"] = nameof(ContactName),
            });
            return Page();
        }

        Notify("Remissen är skickad. Du ser här när IPS-enheten tar emot den.");
        return RedirectToPage("/Referrals/Index");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
