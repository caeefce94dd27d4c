using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Finsam.Audit.Proofs;

/// <summary>
/// A <c>c2sp.org/signed-note</c> verifier key: a key name, its 32-bit key ID and an Ed25519 public key, written
/// <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ public key)&gt;</c>, the form Go's <c>golang.org/x/mod/sumdb/note</c> reads.
/// </summary>
public sealed record NoteVerifierKey(string Name, uint KeyId, byte[] PublicKey)
{
    /// <summary>The signature type byte of plain Ed25519 note signatures.</summary>
    public const byte Ed25519Type = 0x01;

    public static NoteVerifierKey ForEd25519(string name, byte[] publicKey) => new(name, KeyIdOf(name, Ed25519Type, publicKey), publicKey);

    /// <summary>SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian: the signed-note spec's recommended key ID.</summary>
    public static uint KeyIdOf(string name, byte type, byte[] publicKey)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\n").Append(type).Concat(publicKey).ToArray();
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(bytes));
    }

    public override string ToString() => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    /// <summary>Reads a verifier key; null when it is not a well-formed Ed25519 one whose key ID matches its name and key.</summary>
    public static NoteVerifierKey? Parse(string text)
    {
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || !SignedNote.IsKeyName(parts[0]) || parts[1].Length != 8 ||
            !uint.TryParse(parts[1], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var keyId))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(parts[2]);
            return key.Length == 33 && key[0] == Ed25519Type && KeyIdOf(parts[0], Ed25519Type, key[1..]) == keyId
                ? new NoteVerifierKey(parts[0], keyId, key[1..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>.</summary>
    public bool Verifies(byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(PublicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return signature.Length == 64 && verifier.VerifySignature(signature);
    }
}

/// <summary>
/// <c>c2sp.org/signed-note</c>: a text ending in a newline, a blank line, then one line per signature:
/// <c>— &lt;key name&gt; base64(key ID ‖ signature)</c>.
/// </summary>
public static class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>At least the 16 signatures the spec asks verifiers to accept; more is refused, not read.</summary>
    public const int MaxSignatures = 64;

    public static bool IsKeyName(string name) => name.Length > 0 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>A signature line for <paramref name="text"/> by the Ed25519 key with <paramref name="seed"/>.</summary>
    public static string SignatureLine(string text, NoteVerifierKey key, byte[] seed)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(seed));
        var message = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(signature, key.KeyId);
        signer.GenerateSignature().CopyTo(signature, 4);
        return $"{SignaturePrefix}{key.Name} {Convert.ToBase64String(signature)}\n";
    }

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
    /// The note's text when <paramref name="key"/> signed it; null otherwise. As the spec says: signatures by other keys
    /// (a witness's) are skipped, and a signature that claims to be this key's and does not verify rejects the note.
    /// </summary>
    public static string? Open(string note, NoteVerifierKey key)
    {
        if (Split(note) is not var (text, signatures))
        {
            return null;
        }

        var message = Encoding.UTF8.GetBytes(text);
        var verified = false;
        foreach (var (name, signature) in signatures)
        {
            if (name != key.Name || BinaryPrimitives.ReadUInt32BigEndian(signature) != key.KeyId)
            {
                continue;
            }

            if (!key.Verifies(message, signature[4..]))
            {
                return null;
            }

            verified = true;
        }

        return verified ? text : null;
    }
}
