using System.Globalization;

namespace Finsam.Transparency;

/// <summary>The line forms the C2SP text formats share: decimals without leading zeroes, and one base64 hash per line.</summary>
internal static class ProofLines
{
    /// <summary>An ASCII decimal with no leading zeroes (unless it is 0), as <c>tlog-checkpoint</c>, <c>tlog-proof</c> and <c>tlog-witness</c> write sizes and indexes.</summary>
    public static bool TryParseDecimal(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && (text.Length == 1 || text[0] != '0');

    /// <summary><c>&lt;keyword&gt; &lt;decimal&gt;</c>, as in <c>index 7</c> and <c>old 20</c>.</summary>
    public static bool TryParseKeyed(string line, string keyword, out long value)
    {
        value = 0;
        return line.StartsWith(keyword + " ", StringComparison.Ordinal) && TryParseDecimal(line[(keyword.Length + 1)..], out value);
    }

    /// <summary>The hashes of a proof, one base64 SHA-256 per line; null when a line is not one.</summary>
    public static List<byte[]>? Hashes(IEnumerable<string> lines)
    {
        var hashes = new List<byte[]>();
        foreach (var line in lines)
        {
            try
            {
                var hash = Convert.FromBase64String(line);
                if (hash.Length != MerkleProofs.HashSize)
                {
                    return null;
                }

                hashes.Add(hash);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return hashes;
    }
}
