using Finsam.ServiceDefaults.Disclosures;
using System.Text.Json;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Placements;

/// <summary>
/// The case's coach (or the unit's coordinator, who may see every case of the unit) records where the person
/// works, trains or studies. Only while the case is open: a queued case has no coach yet, and a closed one is a
/// finished record that is reopened before it is added to.
/// </summary>
public static class RecordPlacement
{
    public const int EmployerMaxLength = 200;

    public static void MapRecordPlacement(this RouteGroupBuilder group) =>
        group.MapPost("/cases/{caseId:guid}/placements", HandleAsync).WithSummary("Record a placement on a case (ips.employment)").DisclosesNothing();

    private static async Task<Results<Created<PlacementView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid caseId, RecordPlacementRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var employer = request.Employer?.Trim();
        var extent = request.ExtentPercent is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var percent) ? percent : (int?)null;
        var hasFrom = CalendarDates.TryParse(request.From, out var from);
        var hasTo = CalendarDates.TryParse(request.To, out var to);
        var errors = new ValidationErrors()
            .Require(Occupations.PlacementTypes.Contains(request.Type), "type", "Välj typ av placering ur listan.")
            .RequireText(employer, "employer", "Ange arbetsgivare (eller skola).", EmployerMaxLength)
            .Require(extent is >= 1 and <= 100, "extentPercent", "Ange omfattningen som ett heltal 1–100 (procent av heltid).")
            .Require(hasFrom, "from", "Ange startdatum som ÅÅÅÅ-MM-DD.")
            .Require(request.To is null || (hasTo && (!hasFrom || to >= from)), "to", "Slutdatum anges som ÅÅÅÅ-MM-DD och kan inte vara före startdatum.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var ipsCase = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        if (ipsCase is null)
        {
            return Problems.NotFound("Ärendet finns inte.");
        }

        var placement = new Placement(Guid.CreateVersion7(), caseId, request.Type!, employer!, extent!.Value, from, request.To is null ? null : to);
        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        if (!await PlacementStore.InsertIfCaseOpenAsync(session, placement, grant.Actor.UserId, now))
        {
            return Problems.Conflict("Placeringar registreras bara på ett pågående ärende; ett avslutat ärende öppnas först igen.");
        }

        await session.CommitAsync();
        return TypedResults.Created($"/municipality/ips/cases/{caseId}/placements/{placement.PlacementId}", placement.ToView(SwedishTime.Today(clock)));
    }
}
