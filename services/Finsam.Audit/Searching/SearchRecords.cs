using System.Globalization;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Searching;

/// <summary>Search in the order records were written, with a cursor that is the last sequence seen.</summary>
public static class SearchRecords
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void MapSearchRecords(this RouteGroupBuilder group) =>
        group.MapGet("/records", HandleAsync).WithSummary("Search audit records by person, user, party, unit, purpose, time and outcome");

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> HandleAsync(
        HttpRequest request, Grant grant, IOptions<AuditOptions> options, ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        var query = AuditQuery.Parse(request, AuditScope.Of(grant, options.Value));
        var limitText = request.Query["limit"].ToString();
        var cursorText = request.Query["cursor"].ToString();
        var limit = DefaultLimit;
        long after = 0;
        var errors = AuditQuery.Validate(request, query)
            .Require(limitText.Length == 0 || (int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is > 0 and <= MaxLimit),
                "limit", $"Mellan 1 och {MaxLimit}.")
            .Require(cursorText.Length == 0 || long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out after), "cursor", "Ogiltig markör.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // One row more than asked says whether there is a next page.
        var (sql, parameters) = query.Page(database.Dialect.Provider, after, limit + 1);
        await using var session = await database.ConnectAsync(cancellationToken);
        var rows = (await session.QueryAsync<AuditStore.RecordRow>(sql, parameters)).Select(r => r.ToRecord()).ToList();

        var page = rows.Take(limit).Select(r => r.ToView()).ToList();
        var next = rows.Count > limit ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPage(page, next));
    }
}
