using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>Records what the IPS unit reports about a referral in the referral's history.</summary>
public sealed partial class ReferralStatusChangedConsumer<TService>(
    ServiceDatabase<TService> database, ReferringParty<TService> referrer, ILogger<ReferralStatusChangedConsumer<TService>> logger)
    : InboxConsumer<TService, ReferralStatusChanged>(database)
    where TService : IFinsamService
{
    protected override async Task HandleAsync(ReferralStatusChanged message, DbSession session, ConsumeContext<ReferralStatusChanged> context)
    {
        // Every referring service hears every report; each keeps only those to its own party.
        if (message.ReceivingParty != referrer.Party)
        {
            return;
        }

        // Only the unit the referral went to reports on it, and only to the unit that sent it.
        if (!await ReferralStore.ExistsBetweenAsync(session, message.ReferralId, message.ReceivingUnitId, message.SharingUnitId))
        {
            LogUnknownReferral(logger, message.ReferralId);
            return;
        }

        await ReferralStore.AppendHistoryAsync(session, message.ReferralId, message.Status, message.OccurredAt, message.ConsentId);
        await ReferralStore.UpdateStatusAsync(session, message.ReferralId, message.Status, message.OccurredAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A status change arrived for referral {ReferralId}, which is unknown or was not sent between those units; ignored")]
    private static partial void LogUnknownReferral(ILogger logger, Guid referralId);
}
