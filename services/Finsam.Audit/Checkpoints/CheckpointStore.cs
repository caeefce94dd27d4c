using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Checkpoints;

/// <summary>The checkpoint table; the SQL is the same on SQLite and SQL Server.</summary>
public static class CheckpointStore
{
    public static async Task<long> LastSequenceAsync(DbSession session) =>
        await session.ExecuteScalarAsync<long?>("SELECT MAX(sequence) FROM audit_checkpoints") ?? 0;

    public static async Task<IReadOnlyList<Checkpoint>> AllAsync(DbSession session) =>
        [.. (await session.QueryAsync<CheckpointRow>(
            "SELECT sequence, head_hash AS HeadHash, signed_at AS SignedAt, key_id AS KeyId, signature FROM audit_checkpoints ORDER BY sequence"))
            .Select(r => new Checkpoint(r.Sequence, r.HeadHash, r.SignedAt, r.KeyId, r.Signature))];

    public static Task InsertAsync(DbSession session, Checkpoint checkpoint) =>
        session.ExecuteAsync(
            "INSERT INTO audit_checkpoints (sequence, head_hash, signed_at, key_id, signature) VALUES (@Sequence, @HeadHash, @SignedAt, @KeyId, @Signature)",
            checkpoint);

    private sealed record CheckpointRow
    {
        public long Sequence { get; init; }
        public string HeadHash { get; init; } = "";
        public DateTimeOffset SignedAt { get; init; }
        public string KeyId { get; init; } = "";
        public string Signature { get; init; } = "";
    }
}
