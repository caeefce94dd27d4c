using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Recording;

/// <summary>The audit table; the SQL is the same on SQLite and SQL Server.</summary>
public static class AuditStore
{
    public const string SelectRecord = """
        SELECT sequence, recorded_at AS RecordedAt, occurred_at AS OccurredAt, action, outcome,
               actor_user AS ActorUser, actor_role AS ActorRole, actor_party AS ActorParty, actor_unit AS ActorUnit,
               person_ref AS PersonRef, source_party AS SourceParty, source_unit AS SourceUnit,
               recipient_party AS RecipientParty, recipient_unit AS RecipientUnit, categories, purpose,
               consent_id AS ConsentId, reason, correlation_id AS CorrelationId, previous_hash AS PreviousHash, hash
        FROM audit_records
        """;

    public static async Task<bool> ContainsMessageAsync(DbSession session, string messageId) =>
        await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_records WHERE message_id = @MessageId", new { MessageId = messageId }) > 0;

    public static async Task<AuditRecord?> HeadAsync(DbSession session) =>
        (await session.QuerySingleOrDefaultAsync<RecordRow>(
            $"{SelectRecord} WHERE sequence = (SELECT MAX(sequence) FROM audit_records)"))?.ToRecord();

    public static Task InsertAsync(DbSession session, AuditRecord record, string messageId) =>
        session.ExecuteAsync(
            """
            INSERT INTO audit_records (sequence, message_id, recorded_at, occurred_at, action, outcome, actor_user, actor_role,
                                       actor_party, actor_unit, person_ref, source_party, source_unit, recipient_party,
                                       recipient_unit, categories, purpose, consent_id, reason, correlation_id, previous_hash, hash)
            VALUES (@Sequence, @MessageId, @RecordedAt, @OccurredAt, @Action, @Outcome, @ActorUser, @ActorRole,
                    @ActorParty, @ActorUnit, @PersonRef, @SourceParty, @SourceUnit, @RecipientParty,
                    @RecipientUnit, @Categories, @Purpose, @ConsentId, @Reason, @CorrelationId, @PreviousHash, @Hash)
            """,
            new
            {
                record.Sequence,
                MessageId = messageId,
                record.RecordedAt,
                record.OccurredAt,
                record.Action,
                record.Outcome,
                ActorUser = record.Actor.UserId,
                ActorRole = record.Actor.Role,
                ActorParty = record.Actor.Party,
                ActorUnit = record.Actor.UnitId,
                record.PersonRef,
                record.SourceParty,
                SourceUnit = record.SourceUnitId,
                record.RecipientParty,
                RecipientUnit = record.RecipientUnitId,
                Categories = string.Join(' ', record.Categories),
                record.Purpose,
                ConsentId = record.ConsentId?.ToString(),
                record.Reason,
                record.CorrelationId,
                record.PreviousHash,
                record.Hash,
            });

    /// <summary>A stored row; binds by property so that SQLite's text times convert.</summary>
    public sealed record RecordRow
    {
        public long Sequence { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Action { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string ActorUser { get; init; } = "";
        public string ActorRole { get; init; } = "";
        public string ActorParty { get; init; } = "";
        public string? ActorUnit { get; init; }
        public string? PersonRef { get; init; }
        public string? SourceParty { get; init; }
        public string? SourceUnit { get; init; }
        public string? RecipientParty { get; init; }
        public string? RecipientUnit { get; init; }
        public string Categories { get; init; } = "";
        public string? Purpose { get; init; }
        public string? ConsentId { get; init; }
        public string? Reason { get; init; }
        public string? CorrelationId { get; init; }
        public string PreviousHash { get; init; } = "";
        public string Hash { get; init; } = "";

        public AuditRecord ToRecord() => new()
        {
            Sequence = Sequence,
            RecordedAt = RecordedAt,
            OccurredAt = OccurredAt,
            Action = Action,
            Outcome = Outcome,
            Actor = new Actor(ActorUser, ActorRole, ActorParty, ActorUnit),
            PersonRef = PersonRef,
            SourceParty = SourceParty,
            SourceUnitId = SourceUnit,
            RecipientParty = RecipientParty,
            RecipientUnitId = RecipientUnit,
            Categories = Categories.Length == 0 ? [] : Categories.Split(' '),
            Purpose = Purpose,
            ConsentId = ConsentId is null ? null : Guid.Parse(ConsentId),
            Reason = Reason,
            CorrelationId = CorrelationId,
            PreviousHash = PreviousHash,
            Hash = Hash,
        };
    }
}
