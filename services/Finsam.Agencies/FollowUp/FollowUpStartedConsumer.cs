using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.Agencies.FollowUp;

/// <summary>
/// An adapter learns which IPS unit follows a person from <see cref="IpsFollowUpStarted"/>, and remembers what
/// its agency says about the person now, so that only later changes are told. Every adapter hears every
/// follow-up on the bus; it keeps only those addressed to its own party.
/// </summary>
public sealed class FollowUpStartedConsumer<TService>(ServiceDatabase<TService> database, IAgencyStatus<TService> status)
    : InboxConsumer<TService, IpsFollowUpStarted>(database)
    where TService : IAgencyService
{
    private string? _description;

    /// <summary>What the agency says now, asked before the inbox's write session opens (its system may be over HTTP).</summary>
    protected override async Task PrepareAsync(IpsFollowUpStarted message, CancellationToken cancellationToken)
    {
        if (IsOurs(message))
        {
            _description = await status.DescribeAsync(message.PersonRef, cancellationToken);
        }
    }

    protected override async Task HandleAsync(IpsFollowUpStarted message, DbSession session, ConsumeContext<IpsFollowUpStarted> context)
    {
        if (IsOurs(message))
        {
            await FollowedPersons.FollowAsync(session, message.PersonRef, message.SharingUnitId!, message.OccurredAt, _description!);
        }
    }

    private static bool IsOurs(IpsFollowUpStarted message) => message.ReceivingParty == TService.Party && message.SharingUnitId is not null;
}
