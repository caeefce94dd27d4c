using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Transparency;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Proofs;

/// <summary>
/// The Ed25519 key that signs the log's checkpoints as <c>c2sp.org/tlog-checkpoint</c> notes (docs/adr/0036). Its name is
/// the log's origin (<see cref="AuditOptions.Origin"/>). <c>Finsam:Audit:NoteSigningKey</c> holds it in a real deployment,
/// in the private key form of Go's <c>sumdb/note</c>. Without it, the embedded default makes one on first start and keeps
/// it as <c>audit-note-key</c> in its data folder.
/// </summary>
public sealed partial class AuditNoteKey
{
    private readonly NoteSigner _signer;

    public AuditNoteKey(IConfiguration configuration, IOptions<AuditOptions> options, ILogger<AuditNoteKey> logger)
    {
        var origin = options.Value.Origin;
        var text = KeptSecrets.ConfiguredOrKept(configuration, "Finsam:Audit:NoteSigningKey", "audit-note-key",
            () => NoteSigner.PrivateKeyText(origin, RandomNumberGenerator.GetBytes(32)), file => LogKeyCreated(logger, file));
        _signer = NoteSigner.Parse(text);
        if (Verifier.Name != origin)
        {
            throw new InvalidOperationException(
                $"The audit note signing key is named '{Verifier.Name}', but the log's origin (Finsam:Audit:Origin) is '{origin}': a checkpoint's key is named by its log.");
        }
    }

    /// <summary>What anyone checks the log's checkpoints with; published at <c>/api/audit/verifier-key</c>.</summary>
    public NoteVerifierKey Verifier => _signer.Verifier;

    /// <summary>The signed checkpoint note for <paramref name="head"/>.</summary>
    public string Sign(TreeHead head) => _signer.Sign(head.ToNoteText());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created an audit note signing key at {File}; a real deployment configures Finsam:Audit:NoteSigningKey")]
    private static partial void LogKeyCreated(ILogger logger, string file);
}
