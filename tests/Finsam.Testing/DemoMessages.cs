using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;

namespace Finsam.Testing;

/// <summary>Messages as the demo county's services publish them, for tests that feed a service directly.</summary>
public static class DemoMessages
{
    /// <summary>A referral from the demo clinic to an IPS unit, with a new id each time.</summary>
    public static ReferralSubmitted Referral(string toUnitId = "ovanaker-ips") => new()
    {
        ReferralId = Guid.NewGuid(),
        SharingParty = "health-care",
        SharingUnitId = "halsingland-psykiatri",
        SharingUnitName = "Region Gävleborg, Psykiatrin Hälsingland",
        ReceivingParty = "municipality",
        ReceivingUnitId = toUnitId,
        PersonRef = "pr-0123456789abcdef0123456789abcdef",
        Categories = ["referral", "contact"],
        Purpose = "ips-support",
        ConsentId = Guid.NewGuid(),
        ActingUser = DemoActors.Clinician,
        OccurredAt = DateTimeOffset.UtcNow,
        Reason = "Vill arbeta",
        OwnGoal = "Lagerarbete",
        Contact = new ContactDetails("Kim", null, null, null),
    };
}
