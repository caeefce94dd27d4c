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

    public static async Task<AuditRecord?> HeadAsync(DbSession session) =>
        (await session.QuerySingleOrDefaultAsync<RecordRow>(
            $"{SelectRecord} WHERE sequence = (SELECT MAX(sequence) FROM audit_records)"))?.ToRecord();

    private const string InsertSql = """
        INSERT INTO audit_records (sequence, message_id, recorded_at, occurred_at, action, outcome, actor_user, actor_role,
                                   actor_party, actor_unit, person_ref, source_party, source_unit, recipient_party,
                                   recipient_unit, categories, purpose, consent_id, reason, correlation_id, previous_hash, hash)
        VALUES (@Sequence, @MessageId, @RecordedAt, @OccurredAt, @Action, @Outcome, @ActorUser, @ActorRole,
                @ActorParty, @ActorUnit, @PersonRef, @SourceParty, @SourceUnit, @RecipientParty,
                @RecipientUnit, @Categories, @Purpose, @ConsentId, @Reason, @CorrelationId, @PreviousHash, @Hash)
        """;

    /// <summary>The columns' values for a row, in the order of <see cref="InsertSql"/>'s parameters; times in UTC, as Dapper's handler stores them.</summary>
    private static readonly (string Name, Func<AuditRecord, string, object?> Value)[] Columns =
    [
        ("Sequence", (r, _) => r.Sequence), ("MessageId", (_, id) => id), ("RecordedAt", (r, _) => r.RecordedAt.ToUniversalTime()),
        ("OccurredAt", (r, _) => r.OccurredAt.ToUniversalTime()), ("Action", (r, _) => r.Action), ("Outcome", (r, _) => r.Outcome),
        ("ActorUser", (r, _) => r.Actor.UserId), ("ActorRole", (r, _) => r.Actor.Role), ("ActorParty", (r, _) => r.Actor.Party),
        ("ActorUnit", (r, _) => r.Actor.UnitId), ("PersonRef", (r, _) => r.PersonRef), ("SourceParty", (r, _) => r.SourceParty),
        ("SourceUnit", (r, _) => r.SourceUnitId), ("RecipientParty", (r, _) => r.RecipientParty), ("RecipientUnit", (r, _) => r.RecipientUnitId),
        ("Categories", (r, _) => string.Join(' ', r.Categories)), ("Purpose", (r, _) => r.Purpose), ("ConsentId", (r, _) => r.ConsentId?.ToString()),
        ("Reason", (r, _) => r.Reason), ("CorrelationId", (r, _) => r.CorrelationId), ("PreviousHash", (r, _) => r.PreviousHash), ("Hash", (r, _) => r.Hash),
    ];

    public static Task InsertAsync(DbSession session, AuditRecord record, string messageId) => InsertAllAsync(session, [(record, messageId)]);

    /// <summary>
    /// Inserts the rows with one command whose parameters are bound once and given each row's values: a batch costs one
    /// statement preparation, not one per row (issue 15).
    /// </summary>
    public static async Task InsertAllAsync(DbSession session, IReadOnlyList<(AuditRecord Record, string MessageId)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = session.CreateCommand(InsertSql);
        var parameters = Columns.Select(column =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column.Name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var (record, messageId) in rows)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                parameters[i].Value = Columns[i].Value(record, messageId) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(session.CancellationToken);
        }
    }

    /// <summary>Which of <paramref name="messageIds"/> are recorded already.</summary>
    public static async Task<HashSet<string>> RecordedMessagesAsync(DbSession session, IReadOnlyCollection<string> messageIds) =>
        [.. await session.QueryAsync<string>("SELECT message_id FROM audit_records WHERE message_id IN @MessageIds", new { MessageIds = messageIds })];

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
