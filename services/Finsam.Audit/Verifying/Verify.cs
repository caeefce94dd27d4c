using System.Globalization;
using Finsam.Audit.Checkpoints;
using Finsam.Contracts.Api.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Verifying;

public static class Verify
{
    public static void MapVerify(this RouteGroupBuilder group)
    {
        group.MapGet("/verify", HandleAsync).WithSummary("Check that no audit record or checkpoint was changed, removed or reordered");
        group.MapGet("/public-key", (AuditSigningKey key) => TypedResults.Text(key.PublicKeyPem, "application/x-pem-file"))
            .WithSummary("The public key that checkpoints are signed with, for verifying an export offline");
    }

    /// <summary>
    /// <c>trustedSequence</c> and <c>trustedHeadHash</c>, together, name a checkpoint the auditor kept from an
    /// earlier export or verification: a log cut back below it, with its checkpoints, is then found too.
    /// </summary>
    private static async Task<Results<Ok<ChainVerification>, ValidationProblem>> HandleAsync(
        HttpRequest request, ServiceDatabase<AuditService> database, AuditSigningKey key, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        var sequenceText = request.Query["trustedSequence"].ToString();
        var hashText = request.Query["trustedHeadHash"].ToString();
        long sequence = 0;
        var errors = new ValidationErrors()
            .Require(sequenceText.Length == 0 || (long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence > 0),
                "trustedSequence", "Ett positivt heltal.")
            .Require(hashText.Length == 0 || (hashText.Length == 64 && hashText.All(char.IsAsciiHexDigitLower)),
                "trustedHeadHash", "64 hexadecimala tecken (gemener).")
            .Require((sequenceText.Length == 0) == (hashText.Length == 0), "trustedSequence", "Ange både trustedSequence och trustedHeadHash, eller ingen av dem.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var trusted = sequenceText.Length == 0 ? null : new TrustedHead(sequence, hashText);
        await using var session = await database.ConnectAsync(cancellationToken);
        // The published key, not the signing key: the service checks its store the way an outsider would.
        using var publicKey = key.CreatePublicKey();
        var result = await StoredChain.VerifyAsync(session, publicKey, trusted, options.Value.VerifyInPartsFrom);
        return TypedResults.Ok(new ChainVerification(
            result.Valid, result.Records, result.HeadHash, Published(result.LastCheckpoint), result.FirstInvalidSequence, result.Problem,
            Published(result.RetentionCut)));
    }

    private static SignedCheckpoint? Published(Checkpoint? c) =>
        c is null ? null : new(c.Sequence, c.HeadHash, c.SignedAt, c.KeyId, c.Signature, c.Kind, c.PreviousSequence, c.PreviousHeadHash);
}
