namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// Every piece of SQL that differs between SQLite and T-SQL; the stores write everything else once, in the
/// subset both engines read alike. Keeping the differences here (string properties, whole statements or
/// clauses) lets the tests, which run on SQLite, check what SQL Server would be sent: they swap each SQLite
/// piece for its SQL Server twin and parse the result as T-SQL (tests/Finsam.Testing/TSqlCheck.cs).
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(SqlProvider provider) => provider switch
    {
        SqlProvider.Sqlite => new SqliteDialect(),
        SqlProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public abstract SqlProvider Provider { get; }

    /// <summary>Records a processed message; affects no row when the message was processed before.</summary>
    public abstract string InsertInboxIfAbsent { get; }

    /// <summary>The oldest unsent outbox messages, <c>@BatchSize</c> at most.</summary>
    public abstract string SelectUnsentOutbox { get; }

    /// <summary>Ends a query: in sequence order, the first <c>@Take</c> rows.</summary>
    public abstract string FirstBySequence { get; }

    /// <summary>Deletes up to <c>@Take</c> outbox messages sent before <c>@Before</c>, oldest first.</summary>
    public abstract string PruneSentOutbox { get; }

    /// <summary>Deletes up to <c>@Take</c> inbox ids processed before <c>@Before</c>.</summary>
    public abstract string PruneInbox { get; }

    /// <summary>Ends a query: newest first, the last <c>@Take</c> rows in sequence order.</summary>
    public abstract string LastBySequence { get; }

    private sealed class SqliteDialect : SqlDialect
    {
        public override SqlProvider Provider => SqlProvider.Sqlite;

        public override string InsertInboxIfAbsent => """
            INSERT OR IGNORE INTO inbox_messages (message_id, consumer, processed_at)
            VALUES (@MessageId, @Consumer, @ProcessedAt)
            """;

        public override string SelectUnsentOutbox => """
            SELECT sequence, message_id AS MessageId, message_type AS MessageType, body, attempts
            FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT @BatchSize
            """;

        public override string FirstBySequence => "ORDER BY sequence LIMIT @Take";

        public override string PruneSentOutbox => """
            DELETE FROM outbox_messages WHERE sequence IN
                (SELECT sequence FROM outbox_messages WHERE sent_at IS NOT NULL AND sent_at < @Before ORDER BY sequence LIMIT @Take)
            """;

        public override string PruneInbox => """
            DELETE FROM inbox_messages WHERE rowid IN (SELECT rowid FROM inbox_messages WHERE processed_at < @Before LIMIT @Take)
            """;

        public override string LastBySequence => "ORDER BY sequence DESC LIMIT @Take";
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override SqlProvider Provider => SqlProvider.SqlServer;

        // UPDLOCK + HOLDLOCK makes the existence check and the insert atomic for competing consumers.
        public override string InsertInboxIfAbsent => """
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT @MessageId, @Consumer, @ProcessedAt
            WHERE NOT EXISTS (SELECT 1 FROM inbox_messages WITH (UPDLOCK, HOLDLOCK)
                              WHERE message_id = @MessageId AND consumer = @Consumer)
            """;

        public override string SelectUnsentOutbox => """
            SELECT TOP (@BatchSize) sequence, message_id AS MessageId, message_type AS MessageType, body, attempts
            FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence
            """;

        public override string FirstBySequence => "ORDER BY sequence OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";

        public override string PruneSentOutbox => """
            DELETE TOP (@Take) FROM outbox_messages WHERE sent_at IS NOT NULL AND sent_at < @Before
            """;

        public override string PruneInbox => """
            DELETE TOP (@Take) FROM inbox_messages WHERE processed_at < @Before
            """;

        public override string LastBySequence => "ORDER BY sequence DESC OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";
    }
}
