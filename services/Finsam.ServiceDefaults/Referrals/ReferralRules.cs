using Finsam.Contracts.Api;
using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>What a referral must hold and where it may go, for a referral from a party and for a self-referral alike.</summary>
public static class ReferralRules
{
    public const string UnknownUnit = "Okänd IPS-enhet eller samordningsteam.";

    /// <summary>Whether <paramref name="unitId"/> receives referrals: a municipal IPS unit or coordination team.</summary>
    public static bool Receives(FinsamDirectory directory, string? unitId) =>
        directory.FindUnit(unitId) is { Party: Parties.Municipality } unit && UnitKinds.Receives(unit.Kind);

    /// <summary>The reason, the person's own goal and how to reach them.</summary>
    public static ValidationErrors Content(ValidationErrors errors, string? reason, string? ownGoal, ContactRequest? contact)
    {
        errors
            .RequireText(reason, "reason", "Ange anledningen till remissen.")
            .RequireText(ownGoal, "ownGoal", "Ange personens eget mål och önskan om arbete.");
        if (contact is null)
        {
            return errors.Add("contact", "Ange kontaktuppgifter.");
        }

        return errors
            .RequireText(contact.Name, "contact.name", "Ange personens namn.", 200)
            .OptionalPhone(Blank(contact.Phone), "contact.phone")
            .OptionalEmail(Blank(contact.Email), "contact.email")
            .Require(string.IsNullOrWhiteSpace(contact.PreferredChannel) || RequestCodes.ContactChannels.Contains(contact.PreferredChannel),
                "contact.preferredChannel", "Välj phone, sms, email, letter eller in-person.");
    }

    /// <summary>The contact details as stored and sent, blanks as absent (after <see cref="Content"/> passed).</summary>
    public static ContactDetails ContactOf(ContactRequest contact) =>
        new(contact.Name!.Trim(), Blank(contact.Phone), Blank(contact.Email), Blank(contact.PreferredChannel));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
