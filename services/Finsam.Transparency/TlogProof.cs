using System.Globalization;
using System.Text;

namespace Finsam.Transparency;

/// <summary>
/// A <c>c2sp.org/tlog-proof@v1</c> file: the record's leaf index, its inclusion proof and the checkpoint it is proved in,
/// self-contained, so that a person or a court can check one record offline with the log's verifier key alone.
/// </summary>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Hashes, string Checkpoint)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public static string Format(long index, IReadOnlyList<byte[]> hashes, string checkpoint)
    {
        var text = new StringBuilder().Append(Header).Append('\n')
            .Append("index ").Append(index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in hashes)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return text.Append('\n').Append(checkpoint).ToString();
    }

    /// <summary>Reads a proof file (an <c>extra</c> line is allowed and ignored: it is not authenticated); null when it is not one.</summary>
    public static TlogProof? Parse(string text)
    {
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            return null;
        }

        var lines = text[..blank].Split('\n').ToList();
        if (lines.Count < 2 || lines[0] != Header)
        {
            return null;
        }

        var next = lines[1].StartsWith("extra ", StringComparison.Ordinal) ? 2 : 1;
        if (next >= lines.Count || !ProofLines.TryParseKeyed(lines[next], "index", out var index) || ProofLines.Hashes(lines.Skip(next + 1)) is not { } hashes)
        {
            return null;
        }

        return new TlogProof(index, hashes, text[(blank + 2)..]);
    }

    /// <summary>
    /// Whether this proves that <paramref name="leaf"/> (a record's canonical bytes) is entry <see cref="Index"/> of the log
    /// that <paramref name="key"/> signs: the checkpoint must be signed by that key, and the proof lead to its root.
    /// </summary>
    public bool Proves(byte[] leaf, NoteVerifierKey key) =>
        TreeHead.Open(Checkpoint, key) is { } head && Index >= 0 &&
        MerkleProofs.VerifyInclusion((ulong)Index, (ulong)head.Size, MerkleProofs.LeafHash(leaf), Hashes, head.Root);
}
