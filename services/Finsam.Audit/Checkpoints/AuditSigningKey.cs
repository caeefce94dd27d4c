using System.Security.Cryptography;
using Finsam.Audit.Recording;
using Finsam.ServiceDefaults.Hosting;

namespace Finsam.Audit.Checkpoints;

/// <summary>
/// The key that signs checkpoints. <c>Finsam:Audit:SigningKey</c> (a PEM private key) in a real deployment.
/// Without it, the embedded default makes one on first start and keeps it as <c>audit-signing-key.pem</c>
/// in its data folder, so that checkpoints stay verifiable across restarts.
/// </summary>
public sealed partial class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    public AuditSigningKey(IConfiguration configuration, ILogger<AuditSigningKey> logger)
    {
        _key = ECDsa.Create();
        var pem = KeptSecrets.ConfiguredOrKept(configuration, "Finsam:Audit:SigningKey", "audit-signing-key.pem", () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKeyPem();
        }, file => LogKeyCreated(logger, file));
        _key.ImportFromPem(pem);
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(_key);
    }

    public string PublicKeyPem { get; }

    public string KeyId { get; }

    /// <param name="previous">The checkpoint with the highest sequence so far, which this one chains to; null for the first.</param>
    public Checkpoint Sign(long sequence, string headHash, DateTimeOffset signedAt, Checkpoint? previous, string kind = CheckpointKinds.Ordinary)
    {
        var previousSequence = previous?.Sequence ?? Checkpoint.NoPrevious;
        var previousHash = previous?.HeadHash ?? AuditOutcomes.GenesisHash;
        var signature = _key.SignData(Checkpoint.SignedBytesOf(sequence, headHash, signedAt, kind, previousSequence, previousHash), HashAlgorithmName.SHA256);
        return new(sequence, headHash, signedAt, KeyId, Convert.ToBase64String(signature), kind, previousSequence, previousHash);
    }

    /// <summary>The public half only, as a verifier outside the service holds it; the caller disposes it.</summary>
    public ECDsa CreatePublicKey()
    {
        var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(PublicKeyPem);
        return publicKey;
    }

    /// <summary>The first 16 hex digits of SHA-256 over the public key (SubjectPublicKeyInfo).</summary>
    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public void Dispose() => _key.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created an audit signing key at {File}; a real deployment configures Finsam:Audit:SigningKey")]
    private static partial void LogKeyCreated(ILogger logger, string file);
}
