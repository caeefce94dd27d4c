using System.Globalization;
using System.Text;
using Finsam.Audit.Recording;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Audit.Searching;

public sealed record AuditRecordView(
    long Sequence,
    DateTimeOffset RecordedAt,
    DateTimeOffset OccurredAt,
    string Action,
    string Outcome,
    Actor Actor,
    string? PersonRef,
    string? SourceParty,
    string? RecipientParty,
    string? RecipientUnitId,
    IReadOnlyList<string> Categories,
    string? Purpose,
    Guid? ConsentId,
    string? Reason,
    string Hash)
{
    public static AuditRecordView From(AuditRecord r) => new(
        r.Sequence, r.RecordedAt, r.OccurredAt, r.Action, r.Outcome, r.Actor, r.PersonRef, r.SourceParty,
        r.RecipientParty, r.RecipientUnitId, r.Categories, r.Purpose, r.ConsentId, r.Reason, r.Hash);
}

public sealed record AuditPage(IReadOnlyList<AuditRecordView> Items, string? NextCursor);

/// <summary>Search in the order records were written, with a cursor that is the last sequence seen.</summary>
public static class SearchRecords
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static void MapSearchRecords(this RouteGroupBuilder group) =>
        group.MapGet("/records", HandleAsync).WithSummary("Search audit records by person, user, party, unit, time and outcome");

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> HandleAsync(
        string? personRef, string? userId, string? party, string? unitId, DateTimeOffset? from, DateTimeOffset? to,
        string? outcome, string? action, int? limit, string? cursor,
        ServiceDatabase<AuditService> database, CancellationToken cancellationToken)
    {
        long after = 0;
        var errors = new ValidationErrors()
            .Require(personRef is null || PersonRef.IsValid(personRef), "personRef", "Okänd personreferens.")
            .Require(party is null || Parties.IsValid(party), "party", "Okänd part.")
            .Require(outcome is null or AuditOutcomes.Permitted or AuditOutcomes.Denied, "outcome", "Välj permitted eller denied.")
            .Require(limit is null or (> 0 and <= MaxLimit), "limit", $"Mellan 1 och {MaxLimit}.")
            .Require(cursor is null || long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after), "cursor", "Ogiltig markör.")
            .Require(from is null || to is null || from <= to, "from", "Från-tiden ligger efter till-tiden.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var take = limit ?? DefaultLimit;
        var sql = new StringBuilder(AuditStore.SelectRecord).Append(" WHERE sequence > @After");
        if (personRef is not null) sql.Append(" AND person_ref = @PersonRef");
        if (userId is not null) sql.Append(" AND actor_user = @UserId");
        if (party is not null) sql.Append(" AND (actor_party = @Party OR source_party = @Party OR recipient_party = @Party)");
        if (unitId is not null) sql.Append(" AND (actor_unit = @UnitId OR source_unit = @UnitId OR recipient_unit = @UnitId)");
        if (from is not null) sql.Append(" AND occurred_at >= @From");
        if (to is not null) sql.Append(" AND occurred_at <= @To");
        if (outcome is not null) sql.Append(" AND outcome = @Outcome");
        if (action is not null) sql.Append(" AND action = @Action");
        // One row more than asked says whether there is a next page.
        sql.Append(database.Dialect.Provider == SqlProvider.Sqlite ? " ORDER BY sequence LIMIT @Take" : " ORDER BY sequence OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");

        await using var session = await database.ConnectAsync(cancellationToken);
        var rows = (await session.QueryAsync<AuditStore.RecordRow>(sql.ToString(), new
        {
            After = after, PersonRef = personRef, UserId = userId, Party = party, UnitId = unitId,
            From = from?.ToUniversalTime(), To = to?.ToUniversalTime(), Outcome = outcome, Action = action, Take = take + 1,
        })).Select(r => r.ToRecord()).ToList();

        var page = rows.Take(take).Select(AuditRecordView.From).ToList();
        var next = rows.Count > take ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPage(page, next));
    }
}
