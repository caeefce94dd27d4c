using System.Globalization;

namespace Finsam.Transparency;

/// <summary>
/// A <c>c2sp.org/tlog-checkpoint</c> note text: the log's origin, its tree size and its RFC 6962 root, one per line.
/// </summary>
public sealed record TreeHead(string Origin, long Size, byte[] Root)
{
    public string ToNoteText() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>Reads a checkpoint's text (extension lines after the root are allowed and ignored); null when it is not one.</summary>
    public static TreeHead? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0 || !ProofLines.TryParseDecimal(lines[1], out var size))
        {
            return null;
        }

        try
        {
            var root = Convert.FromBase64String(lines[2]);
            return root.Length == MerkleProofs.HashSize ? new TreeHead(lines[0], size, root) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The checkpoint in a signed note when <paramref name="key"/> signed it and it is of <paramref name="key"/>'s log; null otherwise.</summary>
    public static TreeHead? Open(string note, NoteVerifierKey key) =>
        SignedNote.Open(note, key) is { } text && Parse(text) is { } head && head.Origin == key.Name ? head : null;
}
