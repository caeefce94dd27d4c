using Finsam.ServiceDefaults.Data;
using Finsam.Transparency;

namespace Finsam.Audit.Proofs;

/// <summary>
/// The <c>audit_tree</c> table (docs/adr/0036): every complete subtree's hash, so that a proof at any tree size reads
/// O(log n) of them in one query per level instead of hashing the leaves. The SQL is the same on SQLite and SQL Server.
/// </summary>
public static class TreeStore
{
    /// <summary>How many leaves the stored tree has.</summary>
    public static async Task<long> SizeAsync(DbSession session) =>
        (await session.ExecuteScalarAsync<long?>("SELECT MAX(position) FROM audit_tree WHERE level = 0") ?? -1) + 1;

    public static async Task InsertAllAsync(DbSession session, IReadOnlyList<TreeNode> nodes)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        await using var command = session.CreateCommand("INSERT INTO audit_tree (level, position, hash) VALUES (@Level, @Position, @Hash)");
        var level = Parameter(command, "@Level");
        var position = Parameter(command, "@Position");
        var hash = Parameter(command, "@Hash");
        foreach (var node in nodes)
        {
            (level.Value, position.Value, hash.Value) = (node.Level, node.Position, node.Hash);
            await command.ExecuteNonQueryAsync(session.CancellationToken);
        }
    }

    public static async Task<Dictionary<(int Level, long Position), byte[]>> ReadAsync(DbSession session, IEnumerable<(int Level, long Position)> nodes)
    {
        var hashes = new Dictionary<(int, long), byte[]>();
        foreach (var level in nodes.GroupBy(node => node.Level))
        {
            var rows = await session.QueryAsync<(long Position, byte[] Hash)>(
                "SELECT position, hash FROM audit_tree WHERE level = @Level AND position IN @Positions",
                new { Level = level.Key, Positions = level.Select(node => node.Position).Distinct().ToArray() });
            foreach (var (position, hash) in rows)
            {
                hashes[(level.Key, position)] = hash;
            }
        }

        return hashes;
    }

    /// <summary>The border of the stored tree, for the writer to go on from.</summary>
    public static async Task<CompactRange> RangeAsync(DbSession session)
    {
        var size = await SizeAsync(session);
        return CompactRange.Of(size, await ReadAsync(session, CompactRange.BorderOf(size)));
    }

    /// <summary>The root of the stored tree at <paramref name="size"/> (at most the stored size).</summary>
    public static Task<byte[]> RootAsync(DbSession session, long size) => FromStoredAsync(session, complete => MerkleProofs.Root(size, complete));

    public static Task<List<byte[]>> InclusionProofAsync(DbSession session, long index, long size) =>
        FromStoredAsync(session, complete => MerkleProofs.InclusionProof(index, size, complete));

    public static Task<List<byte[]>> ConsistencyProofAsync(DbSession session, long size1, long size2) =>
        FromStoredAsync(session, complete => MerkleProofs.ConsistencyProof(size1, size2, complete));

    /// <summary>Runs <paramref name="compute"/> over the stored subtrees, having read the ones it needs in one go.</summary>
    private static async Task<T> FromStoredAsync<T>(DbSession session, Func<MerkleProofs.CompleteSubtree, T> compute)
    {
        var hashes = await ReadAsync(session, MerkleProofs.SubtreesRead(complete => compute(complete)));
        return compute((level, position) => hashes.TryGetValue((level, position), out var hash)
            ? hash
            : throw new InvalidOperationException($"The audit tree lacks the subtree at level {level}, position {position}."));
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
