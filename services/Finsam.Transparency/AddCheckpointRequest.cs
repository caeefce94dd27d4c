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
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || lines.Length - 1 > MaxProofLines ||
            !long.TryParse(lines[0]["old ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize) ||
            (lines[0].Length > "old 0".Length && lines[0]["old ".Length] == '0'))
        {
            return null;
        }

        var proof = new List<byte[]>();
        foreach (var line in lines.Skip(1))
        {
            try
            {
                var hash = Convert.FromBase64String(line);
                if (hash.Length != MerkleProofs.HashSize)
                {
                    return null;
                }

                proof.Add(hash);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return new AddCheckpointRequest(oldSize, proof, body[(blank + 2)..]);
    }
}
