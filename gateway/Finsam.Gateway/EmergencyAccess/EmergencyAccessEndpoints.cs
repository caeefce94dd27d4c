using Finsam.Contracts.Api.EmergencyAccess;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sections;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Meetings;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Validation;
using Microsoft.Extensions.Options;

namespace Finsam.Gateway.EmergencyAccess;

/// <summary>
/// Emergency access (nödöppning, docs/adr/0025): opened on the consent service, which decides what it opens; read here,
/// by its opener alone, from the sources, each section shown recorded as an <c>emergency-access</c> of its own.
/// </summary>
public static class EmergencyAccessEndpoints
{
    private const string Service = "consent";

    /// <summary>The denial's reason when an emergency access is used after its time.</summary>
    public const string Ended = "emergency-access-ended";

    public static void MapEmergencyAccess(this RouteGroupBuilder api)
    {
        api.MapGet("/emergency-access/legal-bases", (HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, "consent/emergency-access/legal-bases", new GrantScope(context.User.ToActor(), Purposes.Emergency), context.RequestAborted))
            .RequireAuthorization(GatewayPolicies.CaseWorker)
            .Produces<List<LegalBasis>>().WithSummary("The legal bases for disclosure without consent");
        var access = api.MapGroup("").RequireAuthorization(GatewayPolicies.EmergencyAccess);
        access.MapPost("/emergency-access", OpenAsync).AcceptsJson<OpenEmergencyAccessRequest>()
            .Produces<EmergencyAccessOpened>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Open emergency access");
        access.MapGet("/emergency-access/{accessId:guid}", ReadAsync)
            .Produces<EmergencySections>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The sections an emergency access opened, for its opener, while it lasts");
        access.MapGet("/persons/{personRef}/emergency-access", (string personRef, HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, $"consent/persons/{personRef}/emergency-access",
                    new GrantScope(context.User.ToActor(), Purposes.Emergency, PersonRef.IsValid(personRef) ? personRef : null), context.RequestAborted))
            .Produces<List<EmergencyAccessView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The emergency accesses the caller opened for a person, active and ended");
    }

    private static async Task<IResult> OpenAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OpenEmergencyAccessRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var scope = new GrantScope(context.User.ToActor(), Purposes.Emergency, PersonRef.IsValid(body.PersonRef) ? body.PersonRef : null);
        return await services.PostAsync(Service, "consent/emergency-access", scope, body, cancellationToken);
    }

    private static async Task<IResult> ReadAsync(
        Guid accessId, HttpContext context, ServiceApis services, ServiceDatabase<GatewayService> database, IOptions<SharedViewOptions> options,
        TimeProvider clock)
    {
        var viewer = context.User.ToActor();
        var cancellationToken = context.RequestAborted;
        var answer = await services.ReadAsync(Service, $"consent/emergency-access/{accessId}", new GrantScope(viewer, Purposes.Emergency), cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.ToResult(); // 404 for anyone but its opener
        }

        if (answer.ReadAs<EmergencyAccessView>() is not { } access)
        {
            return Problems.BadGateway("Samtyckestjänsten gav ett svar som inte kan läsas.");
        }

        if (!access.Active)
        {
            await RecordAsync(database, [AccessRecorded.Denial(
                viewer, access.PersonRef, null, viewer.Party, viewer.UnitId, access.Categories, Purposes.Emergency, Ended, clock.GetUtcNow())], cancellationToken);
            return Problems.Forbidden("Nödöppningen gäller inte längre. Behövs uppgifterna fortfarande, gör en ny nödöppning med skäl.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        var parties = SectionCatalogue.ByParty.Where(party => access.Categories.Any(party.Value.Contains)).ToList();
        var reads = await Task.WhenAll(parties.Select(party => SectionReads.ReadAsync(
            services, new GrantScope(viewer, Purposes.Emergency, access.PersonRef, [.. party.Value.Where(c => access.Categories.Contains(c) && !access.BlockedCategories.Contains(c))]),
            party.Key, deadline.Token, cancellationToken)));

        var at = clock.GetUtcNow();
        var reason = $"{access.LegalBasis}: {access.Reason}";
        var sections = new List<SharedViewSection>();
        var records = new List<AccessRecorded>();
        foreach (var (party, read) in parties.Zip(reads))
        {
            foreach (var category in party.Value.Where(access.Categories.Contains))
            {
                if (access.BlockedCategories.Contains(category))
                {
                    sections.Add(new SharedViewSection(party.Key, category, SharedViewEndpoint.Blocked, null));
                    records.Add(AccessRecorded.Denial(
                        viewer, access.PersonRef, party.Key, viewer.Party, viewer.UnitId, [category], Purposes.Emergency, ConsentDecision.Blocked, at));
                }
                else if (read.TryGetValue(category, out var shown))
                {
                    sections.Add(new SharedViewSection(party.Key, category, SharedViewEndpoint.Ok, shown.Data));
                    records.Add(new AccessRecorded
                    {
                        Action = AuditActions.EmergencyAccess, Actor = viewer, PersonRef = access.PersonRef, SourceParty = party.Key,
                        RecipientParty = viewer.Party, RecipientUnitId = viewer.UnitId, Categories = [category], Purpose = Purposes.Emergency,
                        Reason = reason[..Math.Min(reason.Length, 500)], OccurredAt = at,
                    });
                }
                else
                {
                    sections.Add(new SharedViewSection(party.Key, category, SharedViewEndpoint.Unavailable, null));
                }
            }
        }

        // Recorded, in one commit, before anything leaves.
        await RecordAsync(database, records, cancellationToken);
        return TypedResults.Ok(new EmergencySections(access.AccessId, access.PersonRef, access.ValidUntil, sections));
    }

    private static async Task RecordAsync(ServiceDatabase<GatewayService> database, IEnumerable<AccessRecorded> records, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        foreach (var record in records)
        {
            await session.EnqueueAsync(record);
        }

        await session.CommitAsync();
    }
}
