using Dapper;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Contracts.Api.Audit;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Reviewing;

/// <summary>
/// Records that need a human look: a view by someone whose unit neither exchanged anything about the person
/// nor was invited to a meeting about them before the view (<c>no-relation</c>), a burst of denials for one user (<c>denial-burst</c>), views or denials outside
/// office hours (<c>outside-office-hours</c>), and every view under emergency access (<c>emergency-access</c>, docs/adr/0025).
/// </summary>
public static class Flags
{
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static void MapFlags(this RouteGroupBuilder group) =>
        group.MapGet("/flags", HandleAsync).WithSummary("Records in a period that need a human look");

    private static async Task<Results<Ok<FlagsResult>, ValidationProblem>> HandleAsync(
        HttpRequest request, Grant grant, ServiceDatabase<AuditService> database, IOptions<AuditOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = AuditScope.Of(grant, options.Value);
        var query = AuditQuery.Parse(request, scope);
        var errors = AuditQuery.Validate(request, query);
        var to = query.To ?? clock.GetUtcNow();
        // Validation keeps a given "to" well inside the calendar, so the default period can be subtracted from it.
        var from = query.From ?? (errors.IsValid ? to - DefaultPeriod : to);
        // A "from" alone must still come before the default "to", which is now (both given: checked above).
        errors.Require(query.To is not null || from <= to, "from", "Från-tiden ligger efter till-tiden.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var period = new
        {
            From = from.ToUniversalTime(), To = to.ToUniversalTime(), View = AuditActions.View, Deny = AuditActions.Deny, Share = AuditActions.Share,
            Invitation = AuditActions.MeetingInvitation, Granted = AuditActions.ConsentGranted, Emergency = AuditActions.EmergencyAccess, ScopeParty = scope.Party,
        };

        var accesses = (await session.QueryAsync<AuditStore.RecordRow>(
            $"{AuditStore.SelectRecord} WHERE occurred_at >= @From AND occurred_at <= @To AND action IN (@View, @Deny, @Emergency){scope.Sql()} ORDER BY sequence", period))
            .Select(r => r.ToRecord()).ToList();
        // An invitation comes through the coordination service's outbox and a view through another service's, so the
        // log may store the invitation after a view that happened later: compare when they happened, not the sequence.
        var unrelated = (await session.QueryAsync<AuditStore.RecordRow>(
            $"""
            {AuditStore.SelectRecord} v WHERE v.occurred_at >= @From AND v.occurred_at <= @To AND v.action = @View AND v.person_ref IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM audit_records s WHERE s.action = @Share AND s.person_ref = v.person_ref AND s.sequence < v.sequence
                            AND (s.recipient_unit = v.actor_unit OR s.source_unit = v.actor_unit))
            AND NOT EXISTS (SELECT 1 FROM audit_records i WHERE i.action = @Invitation AND i.person_ref = v.person_ref AND i.occurred_at <= v.occurred_at
                            AND i.recipient_unit = v.actor_unit){scope.Sql("v.")}
            ORDER BY v.sequence
            """, period)).Select(r => r.ToRecord());

        var selfGranted = (await session.QueryAsync<AuditStore.RecordRow>(
            $"{AuditStore.SelectRecord} WHERE occurred_at >= @From AND occurred_at <= @To AND action = @Granted{scope.Sql()} ORDER BY sequence", period))
            .Select(r => r.ToRecord())
            .Select(r => (Record: r, Sensitive: SensitiveProvisions.ToRecordersParty(r.Actor.Party, ProvisionText.Parse(r.Reason))))
            .Where(g => g.Sensitive.Count > 0)
            .ToList();
        var selfGrantedIds = selfGranted.Select(g => g.Record.ConsentId).OfType<Guid>().ToHashSet();

        var flags = unrelated.Select(r => Flag("no-relation", r, "Enheten har inte tagit emot eller lämnat ut något om personen, och inte bjudits in till något möte om personen, före visningen."))
            .Concat(OutsideOfficeHours(accesses, options.Value))
            .Concat(DenialBursts(accesses, options.Value))
            .Concat(accesses.Where(r => r.Action == AuditActions.EmergencyAccess).Select(r => Flag("emergency-access", r, $"Nödöppning, ska alltid följas upp. Grund och skäl: {r.Reason}")))
            .Concat(selfGranted.Select(g => Flag("self-granted-sensitive", g.Record,
                $"Samtycket lät registrerarens egen part ta emot känsliga uppgifter från en annan part ({string.Join(", ", g.Sensitive.Select(SwedishLabels.Category))}); ingen vid källan har bekräftat det.")))
            .Concat(accesses.Where(r => r.Action == AuditActions.View && r.ConsentId is { } id && selfGrantedIds.Contains(id)
                    && r.Categories.Any(SensitiveProvisions.SensitiveAtSource.Contains))
                .Select(r => Flag("view-under-self-granted-consent", r, "Visning av känsliga uppgifter med stöd av ett samtycke som registrerarens egen part tog emot.")))
            .OrderBy(f => f.Sequence).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new FlagsResult(from, to, flags));
    }

    private static IEnumerable<AuditFlag> OutsideOfficeHours(IEnumerable<AuditRecord> accesses, AuditOptions options) =>
        accesses.Where(r => r.Actor.Role != "system" && !IsOfficeHours(r.OccurredAt, options))
            .Select(r => Flag("outside-office-hours", r, $"Utanför kontorstid ({options.OfficeHoursStart:HH\\:mm}–{options.OfficeHoursEnd:HH\\:mm} vardagar)."));

    private static bool IsOfficeHours(DateTimeOffset at, AuditOptions options)
    {
        var local = SwedishTime.LocalOf(at);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && time >= options.OfficeHoursStart && time < options.OfficeHoursEnd;
    }

    /// <summary>The denial that completes a run of <see cref="AuditOptions.DenialBurstCount"/> for one user within the window.</summary>
    private static IEnumerable<AuditFlag> DenialBursts(IEnumerable<AuditRecord> accesses, AuditOptions options)
    {
        foreach (var user in accesses.Where(r => r.Action == AuditActions.Deny && r.Actor.Role != "system").GroupBy(r => r.Actor.UserId))
        {
            var denials = user.OrderBy(r => r.OccurredAt).ToList();
            var flaggedUntil = DateTimeOffset.MinValue;
            for (var i = options.DenialBurstCount - 1; i < denials.Count; i++)
            {
                var first = denials[i - options.DenialBurstCount + 1];
                if (denials[i].OccurredAt - first.OccurredAt <= options.DenialBurstWindow && first.OccurredAt > flaggedUntil)
                {
                    flaggedUntil = denials[i].OccurredAt;
                    yield return Flag("denial-burst", denials[i], $"{options.DenialBurstCount} nekade åtkomstförsök inom {options.DenialBurstWindow.TotalMinutes:0} minuter.");
                }
            }
        }
    }

    private static AuditFlag Flag(string kind, AuditRecord record, string detail) =>
        new(kind, record.Sequence, record.OccurredAt, record.Actor.UserId, record.PersonRef, detail);
}
