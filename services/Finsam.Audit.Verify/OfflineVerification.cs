using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Exporting;
using Finsam.Audit.Verifying;

namespace Finsam.Audit.Verify;

/// <summary>
/// Checks a JSON Lines export (<c>GET /api/audit/export</c>) with the audit service's public key
/// (<c>GET /api/audit/public-key</c>, or from the operator out of band). Reads the file twice: checkpoints
/// first, then records streamed one by one, so exports of millions of records need little memory.
/// </summary>
public static class OfflineVerification
{
    /// <param name="trustedPath">
    /// A file holding checkpoints the auditor kept (one checkpoint line, or a whole earlier export); the one with
    /// the highest sequence must still be reached and held by the export. Null when the auditor holds none.
    /// </param>
    public static VerificationResult VerifyFile(string exportPath, string publicKeyPem, string? trustedPath = null)
    {
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicKeyPem);

        var trusted = trustedPath is null ? null : TrustedHeadIn(trustedPath, publicKey);
        var verifier = new ChainVerifier(CheckpointsIn(exportPath), publicKey, trusted);
        foreach (var line in File.ReadLines(exportPath))
        {
            if (AuditExport.Read(line).Record is { } record && !verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }

    /// <summary>The newest checkpoint in the auditor's file, once its signature is checked: a file that does not match the key is not evidence.</summary>
    private static TrustedHead TrustedHeadIn(string path, ECDsa publicKey)
    {
        var newest = CheckpointsIn(path).MaxBy(c => c.Sequence)
            ?? throw new FormatException($"{path} holds no checkpoint.");
        return newest.IsSignedBy(publicKey)
            ? new TrustedHead(newest.Sequence, newest.HeadHash)
            : throw new ArgumentException($"The checkpoint at record {newest.Sequence} in {path} is not signed by this public key.");
    }

    private static List<Checkpoint> CheckpointsIn(string path)
    {
        var checkpoints = new List<Checkpoint>();
        foreach (var line in File.ReadLines(path))
        {
            if (AuditExport.Read(line).Checkpoint is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
        }

        return checkpoints;
    }
}
