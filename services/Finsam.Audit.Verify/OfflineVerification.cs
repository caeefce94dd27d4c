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
    public static VerificationResult VerifyFile(string exportPath, string publicKeyPem)
    {
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicKeyPem);

        var checkpoints = new List<Checkpoint>();
        foreach (var line in File.ReadLines(exportPath))
        {
            if (AuditExport.Read(line).Checkpoint is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
        }

        var verifier = new ChainVerifier(checkpoints, publicKey);
        foreach (var line in File.ReadLines(exportPath))
        {
            if (AuditExport.Read(line).Record is { } record && !verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }
}
