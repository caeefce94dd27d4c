using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Finsam.Transparency;

/// <summary>
/// A <c>c2sp.org/signed-note</c> verifier key: a key name, its 32-bit key ID, the signature type and an Ed25519 public key,
/// written <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(type ‖ public key)&gt;</c>, the form Go's <c>golang.org/x/mod/sumdb/note</c>
/// reads. Type 0x01 signs notes (a log's checkpoints); type 0x04 timestamped cosignatures (c2sp.org/tlog-cosignature).
/// </summary>
public sealed record NoteVerifierKey(string Name, uint KeyId, byte Type, byte[] PublicKey)
{
    public const byte Ed25519Type = 0x01;
    public const byte CosignatureType = 0x04;

    public static NoteVerifierKey ForEd25519(string name, byte[] publicKey, byte type = Ed25519Type) =>
        new(name, KeyIdOf(name, type, publicKey), type, publicKey);

    /// <summary>SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian: the signed-note spec's key ID.</summary>
    public static uint KeyIdOf(string name, byte type, byte[] publicKey)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\n").Append(type).Concat(publicKey).ToArray();
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(bytes));
    }

    public override string ToString() => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Type, .. PublicKey])}";

    /// <summary>Reads a verifier key; null when it is not a well-formed Ed25519 one whose key ID matches its name, type and key.</summary>
    public static NoteVerifierKey? Parse(string text)
    {
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || !SignedNote.IsKeyName(parts[0]) || parts[1].Length != 8 ||
            !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(parts[2]);
            return key.Length == 33 && key[0] is Ed25519Type or CosignatureType && KeyIdOf(parts[0], key[0], key[1..]) == keyId
                ? new NoteVerifierKey(parts[0], keyId, key[0], key[1..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether a signature line's name and key ID are this key's.</summary>
    public bool Names(string name, byte[] signature) =>
        name == Name && signature.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(signature) == KeyId;

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>.</summary>
    public bool Verifies(byte[] message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(PublicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}

/// <summary>
/// An Ed25519 signing key for notes, held as its 32-byte seed. Configured in the private key form Go's
/// <c>note.GenerateKey</c> writes: <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex id&gt;+&lt;base64(0x01 ‖ seed)&gt;</c>.
/// </summary>
public sealed class NoteSigner
{
    private const string PrivatePrefix = "PRIVATE+KEY+";
    private readonly byte[] _seed;

    /// <param name="type">0x01 to sign notes, 0x04 to cosign checkpoints (c2sp.org/tlog-cosignature).</param>
    public NoteSigner(string name, byte[] seed, byte type = NoteVerifierKey.Ed25519Type)
    {
        if (!SignedNote.IsKeyName(name) || seed.Length != 32)
        {
            throw new ArgumentException("A note key has a name without spaces or '+' and a 32-byte Ed25519 seed.");
        }

        _seed = seed;
        Verifier = NoteVerifierKey.ForEd25519(name, new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded(), type);
    }

    public NoteVerifierKey Verifier { get; }

    /// <summary>Reads a key in Go's private key form; <paramref name="type"/> says what it will sign.</summary>
    public static NoteSigner Parse(string text, byte type = NoteVerifierKey.Ed25519Type)
    {
        var parts = text.Trim() is var trimmed && trimmed.StartsWith(PrivatePrefix, StringComparison.Ordinal) ? trimmed[PrivatePrefix.Length..].Split('+', 3) : [];
        byte[] key;
        try
        {
            key = parts.Length == 3 ? Convert.FromBase64String(parts[2]) : [];
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length != 33 || key[0] != NoteVerifierKey.Ed25519Type || !SignedNote.IsKeyName(parts[0]))
        {
            throw new FormatException("Not an Ed25519 note key (PRIVATE+KEY+<name>+<hex id>+<base64>).");
        }

        var plain = new NoteSigner(parts[0], key[1..]);
        if (!string.Equals($"{plain.Verifier.KeyId:x8}", parts[1], StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("The note key's ID does not match its name and key.");
        }

        return type == NoteVerifierKey.Ed25519Type ? plain : new NoteSigner(parts[0], key[1..], type);
    }

    public static string PrivateKeyText(string name, byte[] seed) =>
        $"{PrivatePrefix}{name}+{new NoteSigner(name, seed).Verifier.KeyId:x8}+{Convert.ToBase64String([NoteVerifierKey.Ed25519Type, .. seed])}";

    /// <summary>The signed note: <paramref name="text"/> (ending in a newline), a blank line, and this key's signature.</summary>
    public string Sign(string text) => text + "\n" + SignatureLine(text);

    /// <summary>This key's signature line for a note text (type 0x01).</summary>
    public string SignatureLine(string text) => Line(Ed25519(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// A <c>c2sp.org/tlog-cosignature</c> line (type 0x04) on a checkpoint's text at <paramref name="timestamp"/> (POSIX
    /// seconds): the signature covers <c>cosignature/v1\ntime &lt;t&gt;\n</c> and the text.
    /// </summary>
    public string CosignatureLine(string checkpointText, long timestamp)
    {
        if (Verifier.Type != NoteVerifierKey.CosignatureType)
        {
            throw new InvalidOperationException("This key signs notes, not cosignatures.");
        }

        var signature = new byte[8 + 64];
        BinaryPrimitives.WriteInt64BigEndian(signature, timestamp);
        Ed25519(Cosignatures.SignedMessage(checkpointText, timestamp)).CopyTo(signature, 8);
        return Line(signature);
    }

    private string Line(byte[] signature)
    {
        var keyed = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(keyed, Verifier.KeyId);
        signature.CopyTo(keyed, 4);
        return $"{SignedNote.SignaturePrefix}{Verifier.Name} {Convert.ToBase64String(keyed)}\n";
    }

    private byte[] Ed25519(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(_seed));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }
}

/// <summary>
/// <c>c2sp.org/signed-note</c>: a text ending in a newline, a blank line, then one line per signature:
/// <c>— &lt;key name&gt; base64(key ID ‖ signature)</c>.
/// </summary>
public static class SignedNote
{
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>At least the 16 signatures the spec asks verifiers to accept; more is refused, not read.</summary>
    public const int MaxSignatures = 64;

    public static bool IsKeyName(string name) => name.Length > 0 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Splits a signed note into its text and its signature lines; null when it is not one.</summary>
    public static (string Text, IReadOnlyList<(string Name, byte[] Signature)> Signatures)? Split(string note)
    {
        var separator = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0 || !note.EndsWith('\n') || note.Any(c => char.IsControl(c) && c != '\n'))
        {
            return null;
        }

        var text = note[..(separator + 1)];
        var lines = note[(separator + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return null;
        }

        var signatures = new List<(string, byte[])>();
        foreach (var line in lines)
        {
            var space = line.LastIndexOf(' ');
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal) || space <= SignaturePrefix.Length)
            {
                return null;
            }

            var name = line[SignaturePrefix.Length..space];
            try
            {
                var signature = Convert.FromBase64String(line[(space + 1)..]);
                if (!IsKeyName(name) || signature.Length < 4)
                {
                    return null;
                }

                signatures.Add((name, signature));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return (text, signatures);
    }

    /// <summary>
    /// The note's text when <paramref name="key"/> (type 0x01) signed it; null otherwise. As the spec says: signatures by
    /// other keys (a witness's) are skipped, and a signature that claims to be this key's and does not verify rejects the note.
    /// </summary>
    public static string? Open(string note, NoteVerifierKey key)
    {
        if (key.Type != NoteVerifierKey.Ed25519Type || Split(note) is not var (text, signatures))
        {
            return null;
        }

        var message = Encoding.UTF8.GetBytes(text);
        var verified = false;
        foreach (var (name, signature) in signatures.Where(s => key.Names(s.Name, s.Signature)))
        {
            if (!key.Verifies(message, signature.AsSpan(4)))
            {
                return null;
            }

            verified = true;
        }

        return verified ? text : null;
    }
}

/// <summary>Timestamped Ed25519 witness cosignatures (<c>c2sp.org/tlog-cosignature</c>, type 0x04) on a checkpoint.</summary>
public static class Cosignatures
{
    public static byte[] SignedMessage(string checkpointText, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}");

    /// <summary>
    /// When <paramref name="cosigner"/> cosigned the checkpoint note (POSIX seconds); null when it did not, or when a line
    /// that claims to be its cosignature does not verify.
    /// </summary>
    public static long? CosignedAt(string note, NoteVerifierKey cosigner)
    {
        if (cosigner.Type != NoteVerifierKey.CosignatureType || SignedNote.Split(note) is not var (text, signatures))
        {
            return null;
        }

        long? at = null;
        foreach (var (_, signature) in signatures.Where(s => cosigner.Names(s.Name, s.Signature)))
        {
            if (signature.Length != 4 + 8 + 64)
            {
                return null;
            }

            var timestamp = BinaryPrimitives.ReadInt64BigEndian(signature.AsSpan(4));
            if (timestamp < 0 || !cosigner.Verifies(SignedMessage(text, timestamp), signature.AsSpan(12)))
            {
                return null;
            }

            at = timestamp;
        }

        return at;
    }

    /// <summary>How many of <paramref name="witnesses"/> cosigned the note.</summary>
    public static int Count(string note, IEnumerable<NoteVerifierKey> witnesses) => witnesses.Count(w => CosignedAt(note, w) is not null);
}
