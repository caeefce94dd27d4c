using Finsam.Contracts.Api.FollowUp;
using Finsam.FollowUp.Interventions;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.FollowUp.Reports;

/// <summary>
/// The analyst's routes (API.md, "Follow-up"): their association's interventions, a report for any period and as-of
/// date (JSON or CSV), and the association's summary. Only the analyst role reads them (403 otherwise); an
/// intervention or association that is not the analyst's own is 404. Nothing here is about a person, so every answer
/// declares that it discloses nothing.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions", List).DisclosesNothing().WithSummary("The analyst's association's interventions");
        group.MapGet("/interventions/{interventionId}/report", ReportAsync).DisclosesNothing()
            .WithSummary("An intervention's follow-up report for a period, as of a date; ?format=csv for CSV");
        group.MapGet("/associations/{associationId}/summary", SummaryAsync).DisclosesNothing()
            .WithSummary("The association's interventions side by side: participants, employed, ongoing");
    }

    private static Results<Ok<List<InterventionView>>, ProblemHttpResult> List(Grant grant, InterventionCatalogue catalogue) =>
        InterventionCatalogue.AssociationOf(grant) is { } association
            ? TypedResults.Ok(catalogue.Of(association).ToList())
            : NotAnAnalyst();

    private static async Task<Results<Ok<FollowUpReport>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> ReportAsync(
        string interventionId, string? from, string? to, string? asOf, string? format, string? table, Grant grant, InterventionCatalogue catalogue,
        ServiceDatabase<FollowUpService> database, ReportBuilder builder, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (InterventionCatalogue.AssociationOf(grant) is not { } association)
        {
            return NotAnAnalyst();
        }

        if (catalogue.Find(association, interventionId) is not { } intervention)
        {
            return Problems.NotFound("Insatsen finns inte bland ert förbunds insatser.");
        }

        var period = new ValidationErrors();
        var start = OptionalDate(from, intervention.From, "from", period);
        var end = OptionalDate(to, intervention.To, "to", period);
        var asOfDate = OptionalDate(asOf, SwedishTime.Today(clock), "asOf", period);
        period
            .Require(start <= end, "to", "Periodens slut kan inte vara före dess början.")
            .Require(format is null or "json" or "csv", "format", "Välj format json eller csv.")
            .Require(table is null || ReportCsv.Tables.Contains(table), "table", "Okänd tabell.");
        if (!period.IsValid)
        {
            return Problems.Invalid(period.ToDictionary());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var report = builder.Build(intervention, start, end, asOfDate, await EnrolmentRecords.ReadAsync(session, intervention.UnitIds));
        return format == "csv"
            ? TypedResults.Text(ReportCsv.Write(report, table), "text/csv; charset=utf-8")
            : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<AssociationSummary>, ProblemHttpResult>> SummaryAsync(
        string associationId, Grant grant, InterventionCatalogue catalogue, ServiceDatabase<FollowUpService> database, ReportBuilder builder,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (InterventionCatalogue.AssociationOf(grant) is not { } association)
        {
            return NotAnAnalyst();
        }

        if (associationId != association)
        {
            return Problems.NotFound("Förbundet är inte ert.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var interventions = new List<(InterventionView, EnrolmentRecords)>();
        foreach (var intervention in catalogue.Of(association))
        {
            interventions.Add((intervention, await EnrolmentRecords.ReadAsync(session, intervention.UnitIds)));
        }

        return TypedResults.Ok(builder.Summarise(association, interventions, SwedishTime.Today(clock)));
    }

    private static DateOnly OptionalDate(string? text, DateOnly otherwise, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return otherwise;
        }

        errors.Require(CalendarDates.TryParse(text, out var date), field, "Ange datum som ÅÅÅÅ-MM-DD.");
        return date;
    }

    private static ProblemHttpResult NotAnAnalyst() => Problems.Forbidden("Uppföljningen läses av samordningsförbundets analytiker.");
}
