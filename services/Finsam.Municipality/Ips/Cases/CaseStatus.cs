using Finsam.Contracts.Api;
using Finsam.Contracts.Referrals;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>
/// The life of an IPS case (DOMAIN.md): queued → assigned → active ↔ dormant/inactive → closed, with
/// reopening. Dormant ("vilande") and inactive ("inaktiv") are better than closing someone who is ill or
/// out of reach, so they lead back to active.
/// </summary>
public static class CaseStatus
{
    public const string Queued = "queued";
    public const string Assigned = "assigned";
    public const string Active = "active";
    public const string Dormant = "dormant";
    public const string Inactive = "inactive";
    public const string Closed = "closed";
    public const string Declined = "declined";

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Queued] = [Assigned, Declined],
        [Assigned] = [Assigned, Active, Closed],
        [Active] = [Dormant, Inactive, Closed],
        [Dormant] = [Active, Inactive, Closed],
        [Inactive] = [Active, Dormant, Closed],
        [Closed] = [Active],
        [Declined] = [],
    };

    /// <summary>The statuses a coach or coordinator may set through the status route.</summary>
    public static IReadOnlyList<string> Settable => RequestCodes.SettableCaseStatuses;

    /// <summary>
    /// While the unit works with the person: a placement may be recorded or ended. A queued case has no coach yet,
    /// and a closed or declined one is a finished record (reopen it to add to it).
    /// </summary>
    public static IReadOnlyList<string> Open { get; } = [Assigned, Active, Dormant, Inactive];

    public static bool CanMove(string from, string to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> NextFrom(string from) => Allowed.TryGetValue(from, out var next) ? next : [];

    /// <summary>What the referrer hears when a case enters <paramref name="status"/>; null when nothing changes for them.</summary>
    public static string? ReferralStatusFor(string status) => status switch
    {
        Queued => ReferralStatuses.Received,
        Assigned => ReferralStatuses.Assigned,
        Active => ReferralStatuses.Started,
        Closed => ReferralStatuses.Closed,
        Declined => ReferralStatuses.Declined,
        _ => null,
    };
}
