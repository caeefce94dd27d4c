using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Reporting;

/// <summary>A status report to the referrer, decided before the write session that sends it; nothing to tell when <see cref="Decided"/> is null.</summary>
public sealed record PlannedReport(string? ReferralStatus, DecidedShare? Decided)
{
    public static readonly PlannedReport Nothing = new(null, null);
}

/// <summary>
/// Tells the referring unit how its referral goes. Case status is <c>ips.plan</c> data, so it leaves only
/// while a consent lets the referrer's party receive <c>ips.plan</c>; otherwise the denial is recorded and
/// nothing is sent. When the consent service cannot answer, the report waits and is tried again. The decision
/// is asked for in <see cref="PlanAsync"/>, before the write session; <see cref="WriteAsync"/> writes it.
/// </summary>
public sealed class ReferralReporter(ConsentedSharing<MunicipalityService> sharing)
{
    private static readonly string[] ReportedCategories = [DataCategories.IpsPlan];

    public async Task<PlannedReport> PlanAsync(IpsCase ipsCase, string newCaseStatus, Actor actor, CancellationToken cancellationToken)
    {
        var referralStatus = CaseStatus.ReferralStatusFor(newCaseStatus)
            // Dormant and inactive tell the referrer nothing new, but a report still waiting for them is "started".
            ?? (ipsCase.ReportPending ? ReferralStatuses.Started : null);
        if (referralStatus is null || referralStatus == ipsCase.ReportedStatus || ipsCase.ReferringUnitId is null)
        {
            return PlannedReport.Nothing;
        }

        var share = new ProposedShare(ipsCase.PersonRef, Parties.Municipality, ipsCase.ReferringParty, ipsCase.ReferringUnitId, ReportedCategories, Purposes.IpsSupport);
        return new PlannedReport(referralStatus, await sharing.DecideAsync(share, actor, cancellationToken));
    }

    /// <summary>Writes the planned report (or its denial) for <paramref name="ipsCase"/> as the session reads it now.</summary>
    public async Task WriteAsync(DbSession session, IpsCase ipsCase, PlannedReport plan, DateTimeOffset at)
    {
        if (plan.Decided is not { } decided || plan.ReferralStatus == ipsCase.ReportedStatus)
        {
            if (ipsCase.ReportPending)
            {
                await CaseStore.SetReportPendingAsync(session, ipsCase.CaseId, pending: false);
            }

            return;
        }

        var unavailable = !decided.Permitted && decided.Decision.Reason == ConsentDecision.Unavailable;
        if (!decided.Permitted && !(unavailable && ipsCase.ReportPending))
        {
            // Recorded once: a report retried while the consent service stays away adds no new denials.
            await session.EnqueueAsync(decided.Denial(at));
        }

        if (!decided.Permitted)
        {
            // Without a decision nothing is sent now; PendingReports tries again. A real "no" is final.
            await CaseStore.SetReportPendingAsync(session, ipsCase.CaseId, unavailable);
            return;
        }

        await session.EnqueueAsync(new ReferralStatusChanged
        {
            ReferralId = ipsCase.ReferralId,
            Status = plan.ReferralStatus!,
            SharingParty = Parties.Municipality,
            SharingUnitId = ipsCase.UnitId,
            ReceivingParty = ipsCase.ReferringParty,
            ReceivingUnitId = ipsCase.ReferringUnitId,
            PersonRef = ipsCase.PersonRef,
            Categories = ReportedCategories,
            Purpose = Purposes.IpsSupport,
            ConsentId = decided.ConsentId,
            ActingUser = decided.Actor,
            OccurredAt = at,
        });
        await CaseStore.SetReportedStatusAsync(session, ipsCase.CaseId, plan.ReferralStatus!);
    }
}
