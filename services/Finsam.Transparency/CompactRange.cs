namespace Finsam.Transparency;

/// <summary>A complete subtree's hash as the tree store keeps it: 2^<see cref="Level"/> leaves from leaf <see cref="Position"/> × 2^level.</summary>
public sealed record TreeNode(int Level, long Position, byte[] Hash);

/// <summary>
/// The right border of a Merkle tree: the roots of its complete subtrees, largest first, one for each bit set in its size.
/// It is all the single writer keeps in memory to append a leaf (O(log n), the subtrees it completes) and to compute the
/// root, so a batch of records extends the tree without reading it back.
/// </summary>
public sealed class CompactRange
{
    private readonly List<TreeNode> _roots;

    private CompactRange(long size, List<TreeNode> roots) => (Size, _roots) = (size, roots);

    public long Size { get; private set; }

    /// <summary>The complete subtrees whose roots make up the border of a tree of <paramref name="size"/>, largest first.</summary>
    public static IEnumerable<(int Level, long Position)> BorderOf(long size)
    {
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size >> level & 1) == 1)
            {
                yield return (level, start >> level);
                start += 1L << level;
            }
        }
    }

    /// <summary>The range of a stored tree of <paramref name="size"/>, from the hashes of <see cref="BorderOf"/>.</summary>
    public static CompactRange Of(long size, IReadOnlyDictionary<(int Level, long Position), byte[]> hashes) =>
        new(size, [.. BorderOf(size).Select(node => new TreeNode(node.Level, node.Position, hashes[node]))]);

    public CompactRange Clone() => new(Size, [.. _roots]);

    /// <summary>Appends a leaf and returns what the store must keep: the leaf, then every subtree it completes.</summary>
    public List<TreeNode> Append(byte[] leafHash)
    {
        var index = Size;
        var node = new TreeNode(0, index, leafHash);
        var completed = new List<TreeNode> { node };
        while (_roots.Count > 0 && _roots[^1].Level == node.Level)
        {
            var level = node.Level + 1;
            node = new TreeNode(level, index >> level, MerkleProofs.NodeHash(_roots[^1].Hash, node.Hash));
            _roots.RemoveAt(_roots.Count - 1);
            completed.Add(node);
        }

        _roots.Add(node);
        Size++;
        return completed;
    }

    /// <summary>The tree's root (RFC 6962 MTH): the border folded from the right.</summary>
    public byte[] Root() => Size == 0
        ? MerkleProofs.Root([])
        : _roots.Take(_roots.Count - 1).Reverse().Aggregate(_roots[^1].Hash, (right, left) => MerkleProofs.NodeHash(left.Hash, right));
}
