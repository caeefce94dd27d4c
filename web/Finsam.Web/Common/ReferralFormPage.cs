using Finsam.Contracts.Api.Referrals;
using Microsoft.AspNetCore.Mvc;

namespace Finsam.Web.Common;

/// <summary>
/// What every referral form asks, in one place (the partial <c>_ReferralContent</c> shows it): why, the person's own
/// goal, and how to reach them. A referral from staff, a self-referral the coordinator registers and the person's own.
/// </summary>
public abstract class ReferralFormPage : WebPage
{
    public static readonly IReadOnlyDictionary<string, string> Channels = new Dictionary<string, string>
    {
        ["phone"] = "Telefonsamtal", ["sms"] = "Sms", ["email"] = "E-post", ["letter"] = "Brev", ["in-person"] = "Personligt möte",
    };

    /// <summary>The gateway's field names and this form's, so each problem lands beside its field.</summary>
    protected static readonly IReadOnlyDictionary<string, string> ContentFields = new Dictionary<string, string>
    {
        ["toUnitId"] = nameof(ToUnitId), ["reason"] = nameof(Reason), ["ownGoal"] = nameof(OwnGoal), ["contact.name"] = nameof(ContactName),
        ["contact.phone"] = nameof(Phone), ["contact.email"] = nameof(Email), ["contact.preferredChannel"] = nameof(PreferredChannel),
        ["contact"] = nameof(ContactName),
    };

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

    /// <summary>The person fills it in about themself: the form says "du".</summary>
    public virtual bool ForThePerson => false;

    /// <summary>The checks a browser can make before anything is sent; the gateway makes them again.</summary>
    protected void ValidateContent()
    {
        ModelState.RequireText(Reason, nameof(Reason), ForThePerson ? "Skriv varför du vill ha stöd." : "Ange anledningen till remissen.");
        ModelState.RequireText(OwnGoal, nameof(OwnGoal), ForThePerson ? "Skriv vad du vill arbeta med." : "Ange personens eget mål och önskan om arbete.");
        ModelState.RequireText(ContactName, nameof(ContactName), ForThePerson ? "Skriv ditt namn." : "Ange personens namn.", 200);
        ModelState.Require(Phone is null || Phone.Length <= 50, nameof(Phone), "Högst 50 tecken.");
        ModelState.Require(string.IsNullOrWhiteSpace(Email) || (Email.Contains('@', StringComparison.Ordinal) && Email.Length <= 200), nameof(Email), "Ogiltig e-postadress.");
        ModelState.Require(string.IsNullOrWhiteSpace(PreferredChannel) || Channels.ContainsKey(PreferredChannel), nameof(PreferredChannel), "Välj ett av sätten.");
    }

    protected ContactRequest Contact() => new(ContactName?.Trim(), Blank(Phone), Blank(Email), Blank(PreferredChannel));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
