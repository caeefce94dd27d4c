using System.Globalization;
using System.Text;

namespace Finsam.Transparency;

/// <summary>
/// The body of a <c>c2sp.org/tlog-witness</c> <c>add-checkpoint</c> request: <c>old &lt;size&gt;</c>, the consistency proof
/// from that size one base64 hash per line (at most 63), a blank line, then the checkpoint note.
/// </summary>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string Checkpoint)
{
    public const int MaxProofLines = 63;

    public string Format()
    {
        var text = new StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return text.Append('\n').Append(Checkpoint).ToString();
    }

    /// <summary>Reads a request body; null when it is not one.</summary>
    public static AddCheckpointRequest? Parse(string body)
    {
        var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            return null;
        }

        var lines = body[..blank].Split('\n');
        if (lines.Length - 1 > MaxProofLines || !ProofLines.TryParseKeyed(lines[0], "old", out var oldSize) || ProofLines.Hashes(lines.Skip(1)) is not { } proof)
        {
            return null;
        }

        return new AddCheckpointRequest(oldSize, proof, body[(blank + 2)..]);
    }
}
