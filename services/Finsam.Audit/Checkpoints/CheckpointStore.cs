using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Checkpoints;

/// <summary>The checkpoint table; the SQL is the same on SQLite and SQL Server.</summary>
public static class CheckpointStore
{
    private const string Select =
        "SELECT sequence, head_hash AS HeadHash, signed_at AS SignedAt, key_id AS KeyId, signature, kind, " +
        "previous_sequence AS PreviousSequence, previous_hash AS PreviousHeadHash FROM audit_checkpoints";

    public static async Task<IReadOnlyList<Checkpoint>> AllAsync(DbSession session) =>
        [.. (await session.QueryAsync<CheckpointRow>($"{Select} ORDER BY sequence")).Select(r => r.ToCheckpoint())];

    /// <summary>The checkpoint with the highest sequence, which the next one signed chains to.</summary>
    public static async Task<Checkpoint?> LastAsync(DbSession session) =>
        (await session.QueryAsync<CheckpointRow>($"{Select} WHERE sequence = (SELECT MAX(sequence) FROM audit_checkpoints)"))
            .SingleOrDefault()?.ToCheckpoint();

    public static Task InsertAsync(DbSession session, Checkpoint checkpoint) =>
        session.ExecuteAsync(
            "INSERT INTO audit_checkpoints (sequence, head_hash, signed_at, key_id, signature, kind, previous_sequence, previous_hash) " +
            "VALUES (@Sequence, @HeadHash, @SignedAt, @KeyId, @Signature, @Kind, @PreviousSequence, @PreviousHeadHash)",
            checkpoint);

    /// <summary>Removes the checkpoints on records up to and including <paramref name="sequence"/>; only a retention cut does this.</summary>
    public static Task<int> RemoveThroughAsync(DbSession session, long sequence) =>
        session.ExecuteAsync("DELETE FROM audit_checkpoints WHERE sequence <= @Sequence", new { Sequence = sequence });

    private sealed record CheckpointRow
    {
        public long Sequence { get; init; }
        public string HeadHash { get; init; } = "";
        public DateTimeOffset SignedAt { get; init; }
        public string KeyId { get; init; } = "";
        public string Signature { get; init; } = "";
        public string Kind { get; init; } = CheckpointKinds.Ordinary;
        public long? PreviousSequence { get; init; }
        public string? PreviousHeadHash { get; init; }

        public Checkpoint ToCheckpoint() => new(Sequence, HeadHash, SignedAt, KeyId, Signature, Kind, PreviousSequence, PreviousHeadHash);
    }
}
