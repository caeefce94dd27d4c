using System.Numerics;
using System.Security.Cryptography;

namespace Finsam.Transparency;

/// <summary>
/// RFC 6962 / RFC 9162 Merkle tree hashing and proofs (issue 16, item 1): leaf = SHA-256(0x00 ‖ data), node =
/// SHA-256(0x01 ‖ left ‖ right). Verification follows transparency-dev/merkle's algorithm (decomposing a proof into its
/// inner part and its right border), the implementation the conformance vectors in ../shared/testdata/rfc6962 come
/// from; a proof of any other length than the one the sizes call for is refused before any hashing.
/// </summary>
public static class MerkleProofs
{
    public const int HashSize = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        Span<byte> prefixed = data.Length < 1024 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        prefixed[0] = 0x00;
        data.CopyTo(prefixed[1..]);
        return SHA256.HashData(prefixed);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> joined = stackalloc byte[1 + left.Length + right.Length];
        joined[0] = 0x01;
        left.CopyTo(joined[1..]);
        right.CopyTo(joined[(1 + left.Length)..]);
        return SHA256.HashData(joined);
    }

    /// <summary>The hash of the complete subtree of 2^<paramref name="level"/> leaves that starts at leaf <paramref name="index"/> × 2^level: what a tree store keeps.</summary>
    public delegate byte[] CompleteSubtree(int level, long index);

    /// <summary>The root (MTH) of the leaf hashes, as RFC 6962 §2.1 defines it; the empty tree's is SHA-256 of nothing.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes.Count, FromLeaves(leafHashes));

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves, from its complete subtrees.</summary>
    public static byte[] Root(long size, CompleteSubtree complete) => size == 0 ? SHA256.HashData([]) : Subtree(complete, 0, size);

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves (RFC 6962 §2.1.1).</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        return InclusionProof(index, size, FromLeaves(leafHashes));
    }

    /// <inheritdoc cref="InclusionProof(IReadOnlyList{byte[]}, long, long)"/>
    public static List<byte[]> InclusionProof(long index, long size, CompleteSubtree complete)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(complete, index, 0, size, proof);
        return proof;
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="size1"/> and <paramref name="size2"/> leaves (RFC 6962 §2.1.2).</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size2, leafHashes.Count);
        return ConsistencyProof(size1, size2, FromLeaves(leafHashes));
    }

    /// <inheritdoc cref="ConsistencyProof(IReadOnlyList{byte[]}, long, long)"/>
    public static List<byte[]> ConsistencyProof(long size1, long size2, CompleteSubtree complete)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var proof = new List<byte[]>();
        if (size1 > 0 && size1 < size2)
        {
            SubProof(complete, size1, 0, size2, true, proof);
        }

        return proof;
    }

    /// <summary>
    /// The complete subtrees that <paramref name="compute"/> reads, found by running it once on placeholders, so that a store
    /// can fetch them all in one query before it runs for real.
    /// </summary>
    public static HashSet<(int Level, long Index)> SubtreesRead(Action<CompleteSubtree> compute)
    {
        var read = new HashSet<(int, long)>();
        var placeholder = new byte[HashSize];
        compute((level, index) =>
        {
            read.Add((level, index));
            return placeholder;
        });
        return read;
    }

    /// <summary>Complete subtrees computed from all the leaves: for tests and small trees.</summary>
    public static CompleteSubtree FromLeaves(IReadOnlyList<byte[]> leafHashes)
    {
        byte[] Complete(int level, long index) => level == 0
            ? leafHashes[checked((int)index)]
            : NodeHash(Complete(level - 1, 2 * index), Complete(level - 1, (2 * index) + 1));
        return Complete;
    }

    /// <summary>Whether <paramref name="proof"/> shows leaf <paramref name="leafHash"/> at <paramref name="index"/> in the tree of <paramref name="size"/> with <paramref name="root"/>.</summary>
    /// <remarks>Sizes and indexes are unsigned 64-bit, as in the tlog formats, so that a value no tree can have is refused, not wrapped.</remarks>
    public static bool VerifyInclusion(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index >= size || leafHash.Length != HashSize)
        {
            return false;
        }

        var (inner, border) = Decompose(index, size);
        if (proof.Count != inner + border)
        {
            return false;
        }

        var hash = ChainBorderRight(ChainInner(leafHash.ToArray(), proof.Take(inner), index), proof.Skip(inner));
        return hash.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether <paramref name="proof"/> shows that the tree of <paramref name="size2"/> with <paramref name="root2"/> extends the one of <paramref name="size1"/> with <paramref name="root1"/>.</summary>
    public static bool VerifyConsistency(ulong size1, ulong size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        // Every tree extends the empty one, so a proof from size 0 proves nothing and is refused (as Go's sumdb/tlog does).
        if (size1 < 1 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var (inner, border) = Decompose(size1 - 1, size2);
        var shift = BitOperations.TrailingZeroCount(size1);
        inner -= shift;

        // The proof starts with the root of the subtree of 2^shift leaves, unless size1 is that subtree itself.
        var seed = proof[0];
        var start = 1;
        if (size1 == 1UL << shift)
        {
            seed = root1.ToArray();
            start = 0;
        }

        if (proof.Count != start + inner + border)
        {
            return false;
        }

        var path = proof.Skip(start).ToList();
        var mask = (size1 - 1) >> shift;
        var hash1 = ChainBorderRight(ChainInnerRight(seed, path.Take(inner), mask), path.Skip(inner));
        if (!hash1.AsSpan().SequenceEqual(root1))
        {
            return false;
        }

        var hash2 = ChainBorderRight(ChainInner(seed, path.Take(inner), mask), path.Skip(inner));
        return hash2.AsSpan().SequenceEqual(root2);
    }

    /// <summary>How many of a leaf's proof hashes are inside the subtree it shares with the last leaf, and how many on the right border.</summary>
    private static (int Inner, int Border) Decompose(ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        return (inner, BitOperations.PopCount(index >> inner));
    }

    private static byte[] ChainInner(byte[] seed, IEnumerable<byte[]> proof, ulong index)
    {
        var i = 0;
        foreach (var hash in proof)
        {
            seed = ((index >> i++) & 1) == 0 ? NodeHash(seed, hash) : NodeHash(hash, seed);
        }

        return seed;
    }

    private static byte[] ChainInnerRight(byte[] seed, IEnumerable<byte[]> proof, ulong index)
    {
        var i = 0;
        foreach (var hash in proof)
        {
            if (((index >> i++) & 1) == 1)
            {
                seed = NodeHash(hash, seed);
            }
        }

        return seed;
    }

    private static byte[] ChainBorderRight(byte[] seed, IEnumerable<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            seed = NodeHash(hash, seed);
        }

        return seed;
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    private static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>
    /// MTH of leaves [start, start + count). RFC 6962 splits at powers of two from the left, so every subtree it asks for
    /// starts at a multiple of its largest power of two: a power-of-two count is a complete subtree the store holds.
    /// </summary>
    private static byte[] Subtree(CompleteSubtree complete, long start, long count)
    {
        if (BitOperations.IsPow2(count))
        {
            var level = BitOperations.Log2((ulong)count);
            return complete(level, start >> level);
        }

        var k = Split(count);
        return NodeHash(Subtree(complete, start, k), Subtree(complete, start + k, count - k));
    }

    private static void Path(CompleteSubtree complete, long index, long start, long count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(complete, index, start, k, proof);
            proof.Add(Subtree(complete, start + k, count - k));
        }
        else
        {
            Path(complete, index - k, start + k, count - k, proof);
            proof.Add(Subtree(complete, start, k));
        }
    }

    private static void SubProof(CompleteSubtree complete, long m, long start, long count, bool whole, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!whole)
            {
                proof.Add(Subtree(complete, start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(complete, m, start, k, whole, proof);
            proof.Add(Subtree(complete, start + k, count - k));
        }
        else
        {
            SubProof(complete, m - k, start + k, count - k, false, proof);
            proof.Add(Subtree(complete, start, k));
        }
    }
}
