using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Meetings;
using Finsam.Contracts.Sharing;
using MassTransit;

namespace Finsam.Audit.Recording;

/// <summary>Every message that shares a person's data across a party boundary, whatever its type.</summary>
public sealed class DataShareConsumer(AuditLog log) : IConsumer<IDataShare>
{
    public Task Consume(ConsumeContext<IDataShare> context)
    {
        var share = context.Message;
        return log.AppendAsync(new AuditRecord
        {
            CorrelationId = DataShareConsumer.CorrelationOf(context),
            OccurredAt = share.OccurredAt,
            Action = AuditActions.Share,
            Outcome = AuditOutcomes.Permitted,
            Actor = share.ActingUser,
            PersonRef = share.PersonRef,
            SourceParty = share.SharingParty,
            SourceUnitId = share.SharingUnitId,
            RecipientParty = share.ReceivingParty,
            RecipientUnitId = share.ReceivingUnitId,
            Categories = share.Categories,
            Purpose = share.Purpose,
            ConsentId = share.ConsentId,
        }, MessageIdOf(context), context.CancellationToken);
    }

    internal static Guid MessageIdOf(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidOperationException("An audit message arrived without a message id; it cannot be deduplicated.");

    /// <summary>The conversation the message belongs to: one request's shares, views and denials share it.</summary>
    internal static string? CorrelationOf(ConsumeContext context) => (context.CorrelationId ?? context.ConversationId)?.ToString();
}

/// <summary>Views, denials and auditors' searches.</summary>
public sealed class AccessRecordedConsumer(AuditLog log) : IConsumer<AccessRecorded>
{
    public Task Consume(ConsumeContext<AccessRecorded> context)
    {
        var access = context.Message;
        return log.AppendAsync(new AuditRecord
        {
            CorrelationId = DataShareConsumer.CorrelationOf(context),
            OccurredAt = access.OccurredAt,
            Action = access.Action,
            Outcome = access.Action == AuditActions.Deny ? AuditOutcomes.Denied : AuditOutcomes.Permitted,
            Actor = access.Actor,
            PersonRef = access.PersonRef,
            SourceParty = access.SourceParty,
            RecipientParty = access.RecipientParty,
            RecipientUnitId = access.RecipientUnitId,
            Categories = access.Categories,
            Purpose = access.Purpose,
            ConsentId = access.ConsentId,
            Reason = access.Reason,
        }, DataShareConsumer.MessageIdOf(context), context.CancellationToken);
    }
}

public sealed class ConsentGrantedConsumer(AuditLog log) : IConsumer<ConsentGranted>
{
    public Task Consume(ConsumeContext<ConsentGranted> context)
    {
        var consent = context.Message;
        return log.AppendAsync(new AuditRecord
        {
            CorrelationId = DataShareConsumer.CorrelationOf(context),
            OccurredAt = consent.RecordedAt,
            Action = AuditActions.ConsentGranted,
            Outcome = AuditOutcomes.Permitted,
            Actor = consent.RecordedBy,
            PersonRef = consent.PersonRef,
            Categories = [.. consent.Provisions.SelectMany(p => p.Categories).Distinct()],
            Purpose = consent.Purpose,
            ConsentId = consent.ConsentId,
            Reason = ProvisionText.Format(consent.Provisions),
        }, DataShareConsumer.MessageIdOf(context), context.CancellationToken);
    }
}

public sealed class ConsentRevokedConsumer(AuditLog log) : IConsumer<ConsentRevoked>
{
    public Task Consume(ConsumeContext<ConsentRevoked> context)
    {
        var revocation = context.Message;
        return log.AppendAsync(new AuditRecord
        {
            CorrelationId = DataShareConsumer.CorrelationOf(context),
            OccurredAt = revocation.RevokedAt,
            Action = AuditActions.ConsentRevoked,
            Outcome = AuditOutcomes.Permitted,
            Actor = revocation.RevokedBy,
            PersonRef = revocation.PersonRef,
            ConsentId = revocation.ConsentId,
            Reason = revocation.Reason,
        }, DataShareConsumer.MessageIdOf(context), context.CancellationToken);
    }
}

/// <summary>
/// A unit invited to a follow-up meeting: the scheduler's unit disclosed the meeting to it under the coordination
/// consent. The record is the unit's meeting relation to the person that the <c>no-relation</c> flag looks for.
/// </summary>
public sealed class MeetingParticipantInvitedConsumer(AuditLog log) : IConsumer<MeetingParticipantInvited>
{
    public Task Consume(ConsumeContext<MeetingParticipantInvited> context)
    {
        var invitation = context.Message;
        return log.AppendAsync(new AuditRecord
        {
            CorrelationId = DataShareConsumer.CorrelationOf(context),
            OccurredAt = invitation.OccurredAt,
            Action = AuditActions.MeetingInvitation,
            Outcome = AuditOutcomes.Permitted,
            Actor = invitation.InvitedBy,
            PersonRef = invitation.PersonRef,
            SourceParty = invitation.InvitedBy.Party,
            SourceUnitId = invitation.InvitedBy.UnitId,
            RecipientParty = invitation.ParticipantParty,
            RecipientUnitId = invitation.ParticipantUnitId,
            Categories = [DataCategories.Meeting],
            Purpose = Purposes.Coordination,
            ConsentId = invitation.ConsentId,
            Reason = Describe(invitation),
        }, DataShareConsumer.MessageIdOf(context), context.CancellationToken);
    }

    /// <summary>Which meeting, when, and who by name: the record has no fields of its own for them.</summary>
    private static string Describe(MeetingParticipantInvited invitation) =>
        $"meeting {invitation.MeetingId} at {invitation.ScheduledAt.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}"
        + (invitation.ParticipantUserIds.Count == 0 ? "" : "; invited: " + string.Join(' ', invitation.ParticipantUserIds));
}
