using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.Reporting;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Organization;
using MassTransit;

namespace Finsam.Municipality.Ips.Intake;

/// <summary>A referral arrives: it joins the receiving unit's queue, and the referrer hears "received".</summary>
public sealed partial class ReferralSubmittedConsumer(
    ServiceDatabase<MunicipalityService> database,
    ReferralReporter reporter,
    FinsamDirectory directory,
    TimeProvider clock,
    ILogger<ReferralSubmittedConsumer> logger) : InboxConsumer<MunicipalityService, ReferralSubmitted>(database)
{
    protected override async Task HandleAsync(ReferralSubmitted message, DbSession session, ConsumeContext<ReferralSubmitted> context)
    {
        if (message.ReceivingParty != Parties.Municipality || directory.FindUnit(message.ReceivingUnitId)?.Party != Parties.Municipality)
        {
            LogNotOurs(logger, message.ReferralId);
            return;
        }

        var ipsCase = await CaseStore.InsertFromReferralAsync(session, message, clock.GetUtcNow());
        var system = Actor.System(Parties.Municipality, ipsCase.UnitId);
        await CaseStore.AppendHistoryAsync(session, ipsCase.CaseId, CaseStatus.Queued, system.UserId, ipsCase.ReceivedAt);
        await reporter.ReportAsync(session, ipsCase, CaseStatus.Queued, system, ipsCase.ReceivedAt);
        LogQueued(logger, message.ReferralId, ipsCase.CaseId, ipsCase.UnitId);
    }

    // Ids only: which process of a scaled-out municipality took which referral is an operator's question.
    [LoggerMessage(Level = LogLevel.Information, Message = "Taking referral {ReferralId} into the queue as case {CaseId} of {UnitId}")]
    private static partial void LogQueued(ILogger logger, Guid referralId, Guid caseId, string unitId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} is not addressed to a municipal unit; ignored")]
    private static partial void LogNotOurs(ILogger logger, Guid referralId);
}
