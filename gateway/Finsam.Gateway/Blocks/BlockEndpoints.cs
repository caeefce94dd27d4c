using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Gateway.Blocks;

/// <summary>Blocks (spärr) recorded by staff at the person's request, on the consent service (API.md, "The person").</summary>
public static class BlockEndpoints
{
    private const string Service = "consent";

    public static void MapBlocks(this RouteGroupBuilder api)
    {
        var blocks = api.MapGroup("").RequireAuthorization(GatewayPolicies.CaseWorker);
        blocks.MapPost("/persons/{personRef}/blocks", RecordAsync).AcceptsJson<RecordBlockRequest>()
            .Produces<BlockCreated>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Record a block the person asked for");
        blocks.MapGet("/persons/{personRef}/blocks", ListAsync)
            .Produces<List<BlockView>>().ProducesValidationProblem().WithSummary("A person's blocks, active and lifted");
    }

    /// <summary>Lifting: by the unit that recorded the block, or by the person it protects (whoever recorded it).</summary>
    public static void MapBlockLifting(this RouteGroupBuilder api) =>
        api.MapPost("/blocks/{blockId:guid}/lift", (Guid blockId, HttpContext context, ServiceApis services) =>
                services.PostAsync(Service, $"consent/blocks/{blockId}/lift", new GrantScope(context.User.ToActor(), Purposes.Coordination), null, context.RequestAborted))
            .RequireAuthorization(GatewayPolicies.CaseWorkerOrResident)
            .Produces<BlockView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Lift a block");

    /// <summary>Records a block on <paramref name="personRef"/>: staff name the person, the person is the token's.</summary>
    public static async Task<IResult> RecordForAsync(string personRef, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RecordBlockRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        return await services.PostAsync(Service, $"consent/persons/{personRef}/blocks", new GrantScope(context.User.ToActor(), Purposes.Coordination, personRef), body, cancellationToken);
    }

    public static Task<IResult> ListForAsync(string personRef, HttpContext context, ServiceApis services, CancellationToken cancellationToken) =>
        services.GetAsync(Service, $"consent/persons/{personRef}/blocks", new GrantScope(context.User.ToActor(), Purposes.Coordination, personRef), cancellationToken);

    private static async Task<IResult> RecordAsync(string personRef, HttpContext context, ServiceApis services, CancellationToken cancellationToken) =>
        PersonRef.IsValid(personRef) ? await RecordForAsync(personRef, context, services, cancellationToken) : Problems.Invalid("personRef", "Okänd personreferens.");

    private static async Task<IResult> ListAsync(string personRef, HttpContext context, ServiceApis services, CancellationToken cancellationToken) =>
        PersonRef.IsValid(personRef) ? await ListForAsync(personRef, context, services, cancellationToken) : Problems.Invalid("personRef", "Okänd personreferens.");
}
