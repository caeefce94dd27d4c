using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;

namespace Finsam.Audit.Proofs;

/// <summary>
/// The Ed25519 key that signs the log's checkpoints as <c>c2sp.org/tlog-checkpoint</c> notes (docs/adr/0036). Its name is
/// the log's origin (<see cref="AuditOptions.Origin"/>). <c>Finsam:Audit:NoteSigningKey</c> holds it in a real deployment,
/// in the private key form of Go's <c>sumdb/note</c> (<c>PRIVATE+KEY+&lt;name&gt;+&lt;hex id&gt;+&lt;base64(0x01 ‖ seed)&gt;</c>,
/// what <c>note.GenerateKey</c> writes). Without it, the embedded default makes one on first start and keeps it as
/// <c>audit-note-key</c> in its data folder.
/// </summary>
public sealed partial class AuditNoteKey
{
    private const string PrivatePrefix = "PRIVATE+KEY+";
    private readonly byte[] _seed;

    public AuditNoteKey(IConfiguration configuration, IOptions<AuditOptions> options, ILogger<AuditNoteKey> logger)
    {
        var origin = options.Value.Origin;
        var text = configuration["Finsam:Audit:NoteSigningKey"];
        if (string.IsNullOrWhiteSpace(text))
        {
            var directory = Path.GetFullPath(configuration["Finsam:DataDirectory"] ?? DatabaseSettings.DefaultDataDirectory);
            var file = Path.Combine(directory, "audit-note-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(file, PrivateKeyText(origin, RandomNumberGenerator.GetBytes(32)));
                LogKeyCreated(logger, file);
            }

            text = File.ReadAllText(file);
        }

        (_seed, Verifier) = ParsePrivateKey(text.Trim());
        if (Verifier.Name != origin)
        {
            throw new InvalidOperationException(
                $"The audit note signing key is named '{Verifier.Name}', but the log's origin (Finsam:Audit:Origin) is '{origin}': a checkpoint's key is named by its log.");
        }
    }

    /// <summary>What anyone checks the log's checkpoints with; published at <c>/api/audit/verifier-key</c>.</summary>
    public NoteVerifierKey Verifier { get; }

    /// <summary>The signed checkpoint note for <paramref name="head"/>.</summary>
    public string Sign(TreeHead head)
    {
        var text = head.ToNoteText();
        return text + "\n" + SignedNote.SignatureLine(text, Verifier, _seed);
    }

    /// <summary>The private key in Go's form, for a deployment's secret (and the embedded default's file).</summary>
    public static string PrivateKeyText(string name, byte[] seed)
    {
        var verifier = NoteVerifierKey.ForEd25519(name, new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded());
        return $"{PrivatePrefix}{name}+{verifier.KeyId:x8}+{Convert.ToBase64String([NoteVerifierKey.Ed25519Type, .. seed])}";
    }

    private static (byte[] Seed, NoteVerifierKey Verifier) ParsePrivateKey(string text)
    {
        var parts = text.StartsWith(PrivatePrefix, StringComparison.Ordinal) ? text[PrivatePrefix.Length..].Split('+', 3) : [];
        var key = parts.Length == 3 ? Convert.FromBase64String(parts[2]) : [];
        if (key.Length != 33 || key[0] != NoteVerifierKey.Ed25519Type || !SignedNote.IsKeyName(parts[0]))
        {
            throw new InvalidOperationException("Finsam:Audit:NoteSigningKey is not an Ed25519 note key (PRIVATE+KEY+<name>+<hex id>+<base64>).");
        }

        var seed = key[1..];
        var verifier = NoteVerifierKey.ForEd25519(parts[0], new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded());
        if (!string.Equals($"{verifier.KeyId:x8}", parts[1], StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Finsam:Audit:NoteSigningKey's key ID does not match its name and key.");
        }

        return (seed, verifier);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created an audit note signing key at {File}; a real deployment configures Finsam:Audit:NoteSigningKey")]
    private static partial void LogKeyCreated(ILogger logger, string file);
}
