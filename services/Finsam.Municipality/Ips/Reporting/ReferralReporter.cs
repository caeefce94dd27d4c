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
/// nothing is sent.
/// </summary>
public sealed class ReferralReporter(ConsentDecisionClient<MunicipalityService> consent)
{
    private static readonly string[] ReportedCategories = [DataCategories.IpsPlan];

    public async Task ReportAsync(DbSession session, IpsCase ipsCase, string newCaseStatus, Actor actor, DateTimeOffset at)
    {
        var referralStatus = CaseStatus.ReferralStatusFor(newCaseStatus);
        if (referralStatus is null || referralStatus == ipsCase.ReportedStatus || ipsCase.ReferringUnitId is null)
        {
            return;
        }

        var decision = await consent.DecideAsync(
            new ConsentDecisionRequest(ipsCase.PersonRef, ipsCase.ReferringParty, ipsCase.ReferringUnitId, ReportedCategories, Purposes.IpsSupport),
            actor, session.CancellationToken);
        if (!decision.Permitted)
        {
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
