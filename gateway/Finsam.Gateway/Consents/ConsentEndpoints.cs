using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Access;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Gateway.Consents;

/// <summary>Recording, listing and revoking consents, on the consent service, by the people who work with the person.</summary>
public static class ConsentEndpoints
{
    private const string Service = "consent";

    public static void MapConsents(this RouteGroupBuilder api)
    {
        var consents = api.MapGroup("").RequireAuthorization(GatewayPolicies.CaseWorker);
        consents.MapPost("/consents", RecordAsync).AcceptsJson<RecordConsentRequest>()
            .Produces<ConsentResponse>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Record a consent");
        consents.MapGet("/persons/{personRef}/consents", ListAsync)
            .Produces<List<ConsentResponse>>().ProducesValidationProblem().WithSummary("A person's consents");
        consents.MapPost("/consents/{consentId:guid}/revoke", RevokeAsync).AcceptsJson<RevokeConsentRequest>()
            .Produces<RevokeConsentResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Revoke a consent");
        consents.MapPost("/consents/{consentId:guid}/confirm", ConfirmAsync)
            .Produces<ConsentResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Confirm, as the source, what a consent holds back of the caller's party's records");
    }

    private static async Task<IResult> RecordAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RecordConsentRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var actor = context.User.ToActor();
        if (PersonRef.IsValid(body.PersonRef) && RelationCheck.SelfServing(actor, body) is { Count: > 0 } selfServing
            && !await RelationCheck.HasRelationAsync(services, actor, body.PersonRef!, cancellationToken))
        {
            var log = context.RequestServices.GetRequiredService<AccessLog>();
            await log.RecordAsync(AccessRecorded.Denial(
                actor, body.PersonRef, null, actor.Party, actor.UnitId, selfServing, body.Purpose is { } p && Purposes.IsValid(p) ? p : null,
                RelationCheck.NoRelation, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()), cancellationToken);
            return Problems.Forbidden(
                "Din enhet har ingen relation med personen (inskrivning, ärende, vårdkontakt eller ett möte du bjudits in till). " +
                "Ett samtycke som ger din egen part känsliga uppgifter från andra kan bara registreras när en sådan relation finns.");
        }

        // Only checked codes go into the signed grant: whatever else a body says is the consent service's to refuse.
        var scope = new GrantScope(actor, Purposes.IsValid(body.Purpose) ? body.Purpose! : Purposes.IpsSupport,
            PersonRef.IsValid(body.PersonRef) ? body.PersonRef : null);
        return await services.PostAsync(Service, "consent/consents", scope, body, cancellationToken);
    }

    private static async Task<IResult> ListAsync(string personRef, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Okänd personreferens.");
        }

        var scope = new GrantScope(context.User.ToActor(), Purposes.IpsSupport, personRef);
        return await services.GetAsync(Service, $"consent/persons/{personRef}/consents", scope, cancellationToken);
    }

    private static async Task<IResult> RevokeAsync(Guid consentId, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RevokeConsentRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var scope = new GrantScope(context.User.ToActor(), Purposes.IpsSupport, ConsentId: consentId);
        return await services.PostAsync(Service, $"consent/consents/{consentId}/revoke", scope, body, cancellationToken);
    }

    /// <summary>Takes no body: who confirms, and for which source, is the caller; what is released is what waited for their party.</summary>
    private static async Task<IResult> ConfirmAsync(Guid consentId, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var scope = new GrantScope(context.User.ToActor(), Purposes.IpsSupport, ConsentId: consentId);
        return await services.PostAsync(Service, $"consent/consents/{consentId}/confirm", scope, null, cancellationToken);
    }
}
