using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.Reporting;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Referrals;
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
    private IpsCase? _case;
    private PlannedReport _received = PlannedReport.Nothing;

    /// <summary>The case the referral becomes, and the "received" report's consent decision, before the write session.</summary>
    protected override async Task PrepareAsync(ReferralSubmitted message, CancellationToken cancellationToken)
    {
        if (message.ReceivingParty != Parties.Municipality || !ReferralRules.Receives(directory, message.ReceivingUnitId))
        {
            return;
        }

        _case = CaseStore.FromReferral(message, clock.GetUtcNow());
        _received = await reporter.PlanAsync(_case, CaseStatus.Queued, Actor.System(Parties.Municipality, _case.UnitId), cancellationToken);
    }

    protected override async Task HandleAsync(ReferralSubmitted message, DbSession session, ConsumeContext<ReferralSubmitted> context)
    {
        if (_case is not { } ipsCase)
        {
            LogNotOurs(logger, message.ReferralId);
            return;
        }

        await CaseStore.InsertAsync(session, ipsCase);
        await CaseStore.AppendHistoryAsync(session, ipsCase.CaseId, CaseStatus.Queued, Actor.System(Parties.Municipality, ipsCase.UnitId).UserId, ipsCase.ReceivedAt);
        await reporter.WriteAsync(session, ipsCase, _received, ipsCase.ReceivedAt);
        LogQueued(logger, message.ReferralId, ipsCase.CaseId, ipsCase.UnitId);
    }

    // Ids only: which process of a scaled-out municipality took which referral is an operator's question.
    [LoggerMessage(Level = LogLevel.Information, Message = "Taking referral {ReferralId} into the queue as case {CaseId} of {UnitId}")]
    private static partial void LogQueued(ILogger logger, Guid referralId, Guid caseId, string unitId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} is not addressed to a municipal IPS unit or coordination team; ignored")]
    private static partial void LogNotOurs(ILogger logger, Guid referralId);
}
