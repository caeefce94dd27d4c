using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Web.Gateway;

namespace Finsam.Web.Common;

/// <summary>A consent in plain Swedish, the same sentences for staff and for the person it is about.</summary>
public static class ConsentText
{
    /// <summary>"Who may receive what, for what, until when", one sentence per recipient.</summary>
    public static string Summary(ConsentResponse consent, ConsentProvision provision, WebDirectory directory)
    {
        var who = provision.ToUnitId is { } unit ? directory.UnitName(unit) : Words.Party(provision.ToParty);
        var what = string.Join(", ", provision.Categories.Select(SwedishLabels.Category));
        return $"{who} får ta emot {what}, för {SwedishLabels.Purpose(consent.Purpose)}, till och med {consent.ValidUntil}.";
    }

    /// <summary>What waits for confirmation, in words: "Hälso- och sjukvården: diagnos, arbetsförmåga".</summary>
    public static string Awaiting(AwaitingConfirmation awaiting) =>
        $"{Words.Party(awaiting.Source)}: {string.Join(", ", awaiting.Categories.Select(SwedishLabels.Category))}";

    /// <summary>Who confirmed, in words: by the person themself, or by a source's staff.</summary>
    public static string Confirmed(ConsentConfirmation confirmation, WebDirectory directory) =>
        confirmation.Source == SensitiveProvisions.ByPerson
            ? $"Bekräftat av personen själv {Words.When(confirmation.ConfirmedAt)}."
            : $"Bekräftat för {SwedishLabels.Party(confirmation.Source)} av {directory.StaffName(confirmation.ConfirmedBy.UserId)} {Words.When(confirmation.ConfirmedAt)}.";

    /// <summary>Who recorded it: a member of staff by name, or the person themself.</summary>
    public static string RecordedBy(ConsentResponse consent, WebDirectory directory) =>
        consent.RecordedBy is not { } by ? "" : by.Role == "resident" ? " av personen själv" : " av " + directory.StaffName(by.UserId);
}
