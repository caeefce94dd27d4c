using System.Globalization;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Finsam.Transparency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonRefFormat = Finsam.Contracts.Persons.PersonRef;

namespace Finsam.Audit.Reviewing;

/// <summary>
/// The person's access extract (GDPR art. 15, and what 1177 shows as "who read my record"): which units
/// received or looked at which information about them, or were invited to a meeting about them, when and why,
/// in plain Swedish. Staff are named only when <see cref="AuditOptions.ExtractNamesStaff"/> is set.
/// </summary>
public static class Extract
{
    public static void MapExtract(this RouteGroupBuilder group) =>
        group.MapGet("/persons/{personRef}/extract", HandleAsync).WithSummary("A person's access extract: who accessed what, when and why");

    private static async Task<Results<Ok<PersonExtract>, ValidationProblem>> HandleAsync(
        string personRef, Grant grant, ServiceDatabase<AuditService> database, AuditLog log, FinsamDirectory directory, IOptions<AuditOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PersonRefFormat.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Okänd personreferens.");
        }

        var scope = AuditScope.Of(grant, options.Value);
        await using var session = await database.ConnectAsync(cancellationToken);
        var records = (await session.QueryAsync<AuditStore.RecordRow>(
            $"{AuditStore.SelectRecord} WHERE person_ref = @PersonRef AND action IN (@Share, @View, @Invitation){scope.Sql()} ORDER BY sequence",
            new { PersonRef = personRef, Share = AuditActions.Share, View = AuditActions.View, Invitation = AuditActions.MeetingInvitation, ScopeParty = scope.Party }))
            .Select(r => r.ToRecord()).ToList();

        var entries = records.Select(r => Entry(r, directory, options.Value.ExtractNamesStaff)).ToList();
        // Each line with the proof that its record is in the log (issue 16, item 4), all in the same checkpoint.
        if (records.Count > 0 && await PublishedCheckpoint.CoveringAsync(log, database, options.Value, records[^1].Sequence, cancellationToken) is { } head)
        {
            for (var i = 0; i < records.Count; i++)
            {
                var canonical = records[i].CanonicalBytes();
                entries[i] = entries[i] with
                {
                    Sequence = records[i].Sequence,
                    Proof = await PublishedCheckpoint.TlogProofAsync(session, records[i].Sequence, head),
                    LeafHash = Convert.ToBase64String(MerkleProofs.LeafHash(canonical)),
                    Record = options.Value.ExtractNamesStaff ? Convert.ToBase64String(canonical) : null,
                };
            }
        }

        return TypedResults.Ok(new PersonExtract(personRef, clock.GetUtcNow(), entries.Count, entries));
    }

    /// <summary>
    /// Who accessed, as the person is told: for a share or an invitation the receiving unit; for a denial the unit that
    /// would have received or looked; for a view or an emergency access the unit of the person who looked, and that
    /// person (named only when the county names staff).
    /// </summary>
    public static (string Party, string? UnitId, string? StaffName) Accessor(AuditRecord record, FinsamDirectory directory, bool nameStaff)
    {
        var received = record.Action is AuditActions.Share or AuditActions.MeetingInvitation
            || (record.Action == AuditActions.Deny && record.RecipientParty is not null);
        var party = (received ? record.RecipientParty : record.Actor.Party) ?? "";
        var unitId = received ? record.RecipientUnitId : record.Actor.UnitId;
        var staff = nameStaff && !received ? directory.FindStaff(record.Actor.UserId)?.Name : null;
        return (party, unitId, staff);
    }

    private static ExtractEntry Entry(AuditRecord record, FinsamDirectory directory, bool nameStaff)
    {
        var (party, unitId, staff) = Accessor(record, directory, nameStaff);
        var unitName = directory.FindUnit(unitId)?.Name;
        var categories = record.Categories.Select(c => new LabelledCode(c, SwedishLabels.Category(c))).ToList();
        var who = unitName ?? Capitalise(SwedishLabels.Party(party));
        var what = string.Join(", ", categories.Select(c => c.Label));
        var when = SwedishTime.LocalOf(record.OccurredAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var why = SwedishLabels.Purpose(record.Purpose);
        // An invitation tells the unit that a meeting about the person is planned; the minutes come only with a later view.
        var text = record.Action switch
        {
            AuditActions.MeetingInvitation => $"{when}: {who} bjöds in av {SwedishLabels.Party(record.SourceParty)} till ett samordningsmöte om personen, för {why}.",
            AuditActions.Share => $"{when}: {who} fick {what} från {SwedishLabels.Party(record.SourceParty)}, för {why}.",
            _ => $"{when}: {who}{(staff is null ? "" : $" ({staff})")} tog del av {what}, för {why}.",
        };
        return new ExtractEntry(record.OccurredAt, record.Action, party, SwedishLabels.Party(party), unitId, unitName, staff, categories,
            record.Purpose is null ? null : new LabelledCode(record.Purpose, why), text);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
