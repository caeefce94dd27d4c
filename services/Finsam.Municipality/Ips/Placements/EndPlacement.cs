using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Placements;

/// <summary>
/// A placement ends on a date (today, back-dated, or ahead when notice is given). One that has already ended is a
/// conflict, as is a placement on a case that is no longer open; an end before the start is bad input.
/// </summary>
public static class EndPlacement
{
    public static void MapEndPlacement(this RouteGroupBuilder group) =>
        group.MapPost("/cases/{caseId:guid}/placements/{placementId:guid}/end", HandleAsync).WithSummary("End a placement on a date").DisclosesNothing();

    private static async Task<Results<Ok<PlacementView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid caseId, Guid placementId, EndPlacementRequest request, Grant grant, ServiceDatabase<MunicipalityService> database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!CalendarDates.TryParse(request.To, out var to))
        {
            return Problems.Invalid("to", "Ange slutdatum som ÅÅÅÅ-MM-DD.");
        }

        var ipsCase = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        if (ipsCase is null)
        {
            return Problems.NotFound("Ärendet finns inte.");
        }

        await using var session = await database.BeginAsync(cancellationToken);
        if (await PlacementStore.FindAsync(session, caseId, placementId) is not { } placement)
        {
            return Problems.NotFound("Placeringen finns inte.");
        }

        if (to < placement.From)
        {
            return Problems.Invalid("to", "Slutdatum kan inte vara före startdatum.");
        }

        var today = SwedishTime.Today(clock);
        if (!placement.IsOngoingOn(today))
        {
            return Problems.Conflict("Placeringen har redan avslutats.");
        }

        if (!CaseStatus.Open.Contains((await CaseStore.FindAsync(session, caseId))!.Status))
        {
            return Problems.Conflict("Placeringar avslutas bara på ett pågående ärende; ett avslutat ärende öppnas först igen.");
        }

        if (!await PlacementStore.EndIfOngoingAsync(session, placement, to, today, grant.Actor.UserId, clock.GetUtcNow()))
        {
            return Problems.Conflict("Placeringen eller ärendet ändrades samtidigt av någon annan; läs om det och försök igen.");
        }

        await session.CommitAsync();
        return TypedResults.Ok((placement with { To = to }).ToView(today));
    }
}
