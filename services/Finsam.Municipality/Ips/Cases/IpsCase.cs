using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;

namespace Finsam.Municipality.Ips.Cases;

public sealed record IpsCase
{
    public Guid CaseId { get; init; }
    public Guid ReferralId { get; init; }
    public string PersonRef { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string ReferringParty { get; init; } = "";
    public string? ReferringUnitId { get; init; }
    public string? ReferringUnitName { get; init; }
    /// <summary>The consent the referral came under; none for a self-referral, which the person brought themself.</summary>
    public Guid? ConsentId { get; init; }

    /// <summary>How a self-referral reached the unit (phone, letter, in-person, digital); null for a referral.</summary>
    public string? ReceivedVia { get; init; }

    /// <summary>The person referred themself (egen anmälan): what the case holds of them is the unit's own record.</summary>
    public bool SelfReferral => ReferringParty == Referrers.Self;
    public string Reason { get; init; } = "";
    public string OwnGoal { get; init; } = "";
    public ContactDetails Contact { get; init; } = new("", null, null, null);
    public string Status { get; init; } = CaseStatus.Queued;
    public string? ReportedStatus { get; init; }

    /// <summary>A report to the referrer waits because no consent decision could be had.</summary>
    public bool ReportPending { get; init; }
    public string? CoachUserId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset StatusSince { get; init; }

    /// <summary>
    /// Who may see a case: the coordinators of its unit, and the coach it is assigned to. Anyone else is told
    /// it does not exist.
    /// </summary>
    public bool IsVisibleTo(Actor actor) =>
        actor.Party == Parties.Municipality && actor.UnitId == UnitId
        && (actor.Role == Roles.Coordinator || (actor.Role == Roles.Coach && actor.UserId == CoachUserId));
}

