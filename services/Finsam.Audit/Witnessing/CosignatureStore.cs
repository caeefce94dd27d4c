using Finsam.ServiceDefaults.Data;

namespace Finsam.Audit.Witnessing;

/// <summary>The <c>audit_cosignatures</c> table; the SQL is the same on SQLite and SQL Server.</summary>
public static class CosignatureStore
{
    /// <summary>The cosignature lines on the tree head of <paramref name="treeSize"/>, in witness order.</summary>
    public static async Task<IReadOnlyList<string>> LinesAsync(DbSession session, long treeSize) =>
        [.. await session.QueryAsync<string>("SELECT line FROM audit_cosignatures WHERE tree_size = @TreeSize ORDER BY witness", new { TreeSize = treeSize })];

    /// <summary>The largest tree size <paramref name="witness"/> cosigned; 0 when it has cosigned none.</summary>
    public static async Task<long> LastCosignedSizeAsync(DbSession session, string witness) =>
        await session.ExecuteScalarAsync<long?>("SELECT MAX(tree_size) FROM audit_cosignatures WHERE witness = @Witness", new { Witness = witness }) ?? 0;

    public static Task InsertAsync(DbSession session, long treeSize, string witness, string line) =>
        session.ExecuteAsync(
            "INSERT INTO audit_cosignatures (tree_size, witness, line) VALUES (@TreeSize, @Witness, @Line)",
            new { TreeSize = treeSize, Witness = witness, Line = line });
}
