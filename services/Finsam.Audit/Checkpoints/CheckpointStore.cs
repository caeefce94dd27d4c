using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Checkpoints;

/// <summary>The checkpoint table; the SQL is the same on SQLite and SQL Server.</summary>
public static class CheckpointStore
{
    public static async Task<long> LastSequenceAsync(DbSession session) =>
        await session.ExecuteScalarAsync<long?>("SELECT MAX(sequence) FROM audit_checkpoints") ?? 0;

    public static async Task<IReadOnlyList<Checkpoint>> AllAsync(DbSession session) =>
        [.. (await session.QueryAsync<CheckpointRow>(
            "SELECT sequence, head_hash AS HeadHash, signed_at AS SignedAt, key_id AS KeyId, signature, kind FROM audit_checkpoints ORDER BY sequence"))
            .Select(r => new Checkpoint(r.Sequence, r.HeadHash, r.SignedAt, r.KeyId, r.Signature, r.Kind))];

    public static Task InsertAsync(DbSession session, Checkpoint checkpoint) =>
        session.ExecuteAsync(
            "INSERT INTO audit_checkpoints (sequence, head_hash, signed_at, key_id, signature, kind) VALUES (@Sequence, @HeadHash, @SignedAt, @KeyId, @Signature, @Kind)",
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
    }
}
