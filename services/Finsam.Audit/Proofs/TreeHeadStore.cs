using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Proofs;

/// <summary>A signed tree head as kept: its size and root, and the checkpoint note that signs them.</summary>
public sealed record SignedTreeHead(long TreeSize, byte[] Root, string Note, DateTimeOffset SignedAt);

/// <summary>The <c>audit_tree_heads</c> table; the SQL is the same on SQLite and SQL Server.</summary>
public static class TreeHeadStore
{
    public static async Task<SignedTreeHead?> LatestAsync(DbSession session) =>
        (await session.QueryAsync<Row>(
            "SELECT tree_size AS TreeSize, root, note, signed_at AS SignedAt FROM audit_tree_heads " +
            "WHERE tree_size = (SELECT MAX(tree_size) FROM audit_tree_heads)")).SingleOrDefault()?.ToHead();

    /// <summary>
    /// The newest tree head of at least <paramref name="coveringSize"/> with at least <paramref name="cosignatures"/> witness
    /// cosignatures; null when there is none.
    /// </summary>
    public static async Task<SignedTreeHead?> NewestCosignedAsync(DbSession session, long coveringSize, int cosignatures)
    {
        var size = await session.ExecuteScalarAsync<long?>(
            "SELECT MAX(h.tree_size) FROM audit_tree_heads h WHERE h.tree_size >= @CoveringSize " +
            "AND (SELECT COUNT(*) FROM audit_cosignatures c WHERE c.tree_size = h.tree_size) >= @Cosignatures",
            new { CoveringSize = coveringSize, Cosignatures = cosignatures });
        return size is null ? null : (await session.QueryAsync<Row>(
            "SELECT tree_size AS TreeSize, root, note, signed_at AS SignedAt FROM audit_tree_heads WHERE tree_size = @Size", new { Size = size }))
            .Single().ToHead();
    }

    public static Task InsertAsync(DbSession session, SignedTreeHead head) =>
        session.ExecuteAsync(
            "INSERT INTO audit_tree_heads (tree_size, root, note, signed_at) VALUES (@TreeSize, @Root, @Note, @SignedAt)",
            new { head.TreeSize, head.Root, head.Note, SignedAt = head.SignedAt.ToUniversalTime() });

    private sealed record Row
    {
        public long TreeSize { get; init; }
        public byte[] Root { get; init; } = [];
        public string Note { get; init; } = "";
        public DateTimeOffset SignedAt { get; init; }

        public SignedTreeHead ToHead() => new(TreeSize, Root, Note, SignedAt);
    }
}
