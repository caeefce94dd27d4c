using Finsam.Consent.Deciding;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Revoking;

/// <summary>
/// A person can withdraw consent at any time; every later decision denies at once. Staff say why; the person need
/// not (GDPR art. 7.3: withdrawing is as easy as giving), and their withdrawal says that they made it.
/// </summary>
public static class RevokeConsent
{
    public const string WithdrawnByThePerson = "Personen återkallade samtycket.";

    public static void MapRevokeConsent(this RouteGroupBuilder group) =>
        group.MapPost("/consents/{consentId:guid}/revoke", HandleAsync).WithSummary("Revoke a consent");

    private static async Task<Results<Ok<RevokeConsentResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid consentId, RevokeConsentRequest request, Grant grant, ServiceDatabase<ConsentService> database, DecisionInputs inputs,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = grant.Actor.Role == Roles.Resident && string.IsNullOrWhiteSpace(request.Reason) ? WithdrawnByThePerson : request.Reason;
        var errors = new ValidationErrors().RequireText(reason, "reason", "Ange varför samtycket återkallas.", 2000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var consent = await ConsentQueries.ByIdAsync(session, consentId);
        if (consent is null || !consent.Concerns(grant.Actor))
        {
            return Problems.NotFound("Samtycket finns inte.");
        }

        if (consent.RevokedAt is not null)
        {
            return Problems.Conflict("Samtycket är redan återkallat.");
        }

        var revokedAt = clock.GetUtcNow();
        // Conditional, so that of two concurrent revocations exactly one takes effect.
        var revoked = await session.ExecuteAsync(
            """
            UPDATE consents SET revoked_at = @RevokedAt, revoked_by_user = @UserId, revoke_reason = @Reason
            WHERE consent_id = @ConsentId AND revoked_at IS NULL
            """,
            new { RevokedAt = revokedAt, grant.Actor.UserId, Reason = reason, ConsentId = consentId.ToString() });
        if (revoked == 0)
        {
            return Problems.Conflict("Samtycket är redan återkallat.");
        }

        await session.EnqueueAsync(new ConsentRevoked(consentId, consent.PersonRef, reason!, grant.Actor, revokedAt));
        await inputs.CommitChangeAsync(session, consent.PersonRef);

        return TypedResults.Ok(new RevokeConsentResponse(consentId, ConsentStatuses.Revoked, revokedAt));
    }
}
