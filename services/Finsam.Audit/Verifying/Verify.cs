using Dapper;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.ServiceDefaults.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Audit.Verifying;

public static class Verify
{
    public static void MapVerify(this RouteGroupBuilder group)
    {
        group.MapGet("/verify", HandleAsync).WithSummary("Check that no audit record or checkpoint was changed, removed or reordered");
        group.MapGet("/public-key", (AuditSigningKey key) => TypedResults.Text(key.PublicKeyPem, "application/x-pem-file"))
            .WithSummary("The public key that checkpoints are signed with, for verifying an export offline");
    }

    private static async Task<Ok<VerificationResult>> HandleAsync(
        ServiceDatabase<AuditService> database, AuditSigningKey key, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var checkpoints = await CheckpointStore.AllAsync(session);
        using var publicKey = System.Security.Cryptography.ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        var verifier = new ChainVerifier(checkpoints, publicKey);
        // Streamed, so that verifying millions of records does not hold them all in memory.
        await foreach (var row in session.Connection.QueryUnbufferedAsync<AuditStore.RecordRow>($"{AuditStore.SelectRecord} ORDER BY sequence").WithCancellation(cancellationToken))
        {
            if (!verifier.Add(row.ToRecord()))
            {
                break;
            }
        }

        return TypedResults.Ok(verifier.Result());
    }
}
