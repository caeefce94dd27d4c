using System.Globalization;
using Dapper;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Contracts.Api.Residents;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Reviewing;

/// <summary>
/// The person's own access log, as 1177 shows "who has read my record": every share and view of their information,
/// every refusal that concerned them, every meeting invitation and every emergency access, and what was done with
/// their consents and blocks (given, confirmed, withdrawn, recorded, lifted), newest first. An auditor's search is
/// the follow-up of these, not an access to the person's information, and is left out. It is read for the person
/// the grant names, a resident signed in, and no one else; the records are not an auditor's scope.
/// </summary>
public static class OwnAccessLog
{
    public const int PageSize = 50;

    public static void MapOwnAccessLog(this RouteGroupBuilder group) =>
        group.MapGet("/me/access-log", HandleAsync).WithSummary("The signed-in person's own access log");

    private static async Task<Results<Ok<AccessLogPage>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request, Grant grant, ServiceDatabase<AuditService> database, FinsamDirectory directory, IOptions<AuditOptions> options,
        CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Resident || !grant.Actor.IsThePerson(grant.PersonRef))
        {
            return Problems.Forbidden("Bara personen själv läser sin egen logg här.");
        }

        var period = AuditQuery.Parse(request, AuditScope.All) with { PersonRef = grant.PersonRef };
        var cursorText = request.Query["cursor"].ToString();
        long before = long.MaxValue;
        var errors = AuditQuery.Validate(request, period)
            .Require(cursorText.Length == 0 || (long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out before) && before > 0), "cursor", "Ogiltig markör.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // The person and the period only: the auditors' other filters are not the person's to use.
        var (where, parameters) = new AuditQuery(grant.PersonRef, null, null, null, null, null, null, period.From, period.To, AuditScope.All).Where();
        parameters["Before"] = before;
        parameters["Take"] = PageSize + 1;
        parameters["AuditSearch"] = AuditActions.AuditSearch;
        await using var session = await database.ConnectAsync(cancellationToken);
        var rows = (await session.QueryAsync<AuditStore.RecordRow>(
                $"{AuditStore.SelectRecord} WHERE sequence < @Before AND action <> @AuditSearch{where} {database.Dialect.LastBySequence}",
                new DynamicParameters(parameters)))
            .Select(r => r.ToRecord()).ToList();

        var page = rows.Take(PageSize).ToList();
        var items = page.Select(r => Entry(r, directory, options.Value.ExtractNamesStaff)).ToList();
        var next = rows.Count > PageSize ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AccessLogPage(items, next));
    }

    private static AccessLogEntry Entry(AuditRecord record, FinsamDirectory directory, bool nameStaff)
    {
        var (party, unitId, staff) = Extract.Accessor(record, directory, nameStaff);
        return new AccessLogEntry(
            record.OccurredAt, record.Action, party, directory.FindUnit(unitId)?.Name, staff, record.Categories, record.Purpose, record.ConsentId,
            record.Action is AuditActions.EmergencyAccess or AuditActions.EmergencyAccessOpened);
    }
}
