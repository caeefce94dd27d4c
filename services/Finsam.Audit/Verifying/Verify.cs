using Finsam.Audit.Checkpoints;
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
        // The published key, not the signing key: the service checks its store the way an outsider would.
        using var publicKey = key.CreatePublicKey();
        return TypedResults.Ok(await StoredChain.VerifyAsync(session, publicKey));
    }
}
