using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Reporting;

/// <summary>
/// Tells the referring unit how its referral goes. Case status is <c>ips.plan</c> data, so it leaves only
/// while a consent lets the referrer's party receive <c>ips.plan</c>; otherwise the denial is recorded and
/// nothing is sent. When the consent service cannot answer, the report waits and is tried again.
/// </summary>
public sealed class ReferralReporter(ConsentDecisionClient<MunicipalityService> consent)
{
    private static readonly string[] ReportedCategories = [DataCategories.IpsPlan];

    public async Task ReportAsync(DbSession session, IpsCase ipsCase, string newCaseStatus, Actor actor, DateTimeOffset at)
    {
        var referralStatus = CaseStatus.ReferralStatusFor(newCaseStatus)
            // Dormant and inactive tell the referrer nothing new, but a report still waiting for them is "started".
            ?? (ipsCase.ReportPending ? ReferralStatuses.Started : null);
        if (referralStatus is null || referralStatus == ipsCase.ReportedStatus || ipsCase.ReferringUnitId is null)
        {
            if (ipsCase.ReportPending)
            {
                await CaseStore.SetReportPendingAsync(session, ipsCase.CaseId, pending: false);
            }

            return;
        }

        var decision = await consent.DecideAsync(
            new ConsentDecisionRequest(ipsCase.PersonRef, ipsCase.ReferringParty, ipsCase.ReferringUnitId, ReportedCategories, Purposes.IpsSupport),
            actor, session.CancellationToken);
        var unavailable = !decision.Permitted && decision.Reason == ConsentDecision.Unavailable;
        if (!decision.Permitted && !(unavailable && ipsCase.ReportPending))
        {
            // Recorded once: a report retried while the consent service stays away adds no new denials.
            await session.EnqueueAsync(new AccessRecorded
            {
                Action = AuditActions.Deny,
                Actor = actor,
                PersonRef = ipsCase.PersonRef,
                SourceParty = Parties.Municipality,
                RecipientParty = ipsCase.ReferringParty,
                RecipientUnitId = ipsCase.ReferringUnitId,
                Categories = ReportedCategories,
                Purpose = Purposes.IpsSupport,
                ConsentId = decision.ConsentId,
                Reason = decision.Reason,
                OccurredAt = at,
            });
        }

        if (!decision.Permitted)
        {
            // Without a decision nothing is sent now; PendingReports tries again. A real "no" is final.
            await CaseStore.SetReportPendingAsync(session, ipsCase.CaseId, unavailable);
            return;
        }

        await session.EnqueueAsync(new ReferralStatusChanged
        {
            ReferralId = ipsCase.ReferralId,
            Status = referralStatus,
            SharingParty = Parties.Municipality,
            SharingUnitId = ipsCase.UnitId,
            ReceivingParty = ipsCase.ReferringParty,
            ReceivingUnitId = ipsCase.ReferringUnitId,
            PersonRef = ipsCase.PersonRef,
            Categories = ReportedCategories,
            Purpose = Purposes.IpsSupport,
            ConsentId = decision.ConsentId!.Value,
            ActingUser = actor,
            OccurredAt = at,
        });
        await CaseStore.SetReportedStatusAsync(session, ipsCase.CaseId, referralStatus);
    }
}
