using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Municipality.Ips.Enrolment;

/// <summary><c>Finsam:Municipality:Ips</c>: when a case counts as inactive, and how many open cases a full-time coach carries.</summary>
public sealed class IpsOptions
{
    /// <summary>Days without anything done on an open case before the coordinator is asked to decide (seed 000's missing closure procedure).</summary>
    public int InactiveDays { get; set; } = 60;

    /// <summary>Open cases per full-time coach (IPS fidelity: at most 20).</summary>
    public int CaseloadLimit { get; set; } = 20;
}

/// <summary>
/// The coordinator's closure procedure and caseload: open cases nobody has done anything on for too long, or past their
/// planned end, each with a decision to take (reactivate, dormant, close); and each coach's open cases against the limit.
/// </summary>
public static class Reviews
{
    public const string Inactive = "inactive";
    public const string PastPlannedEnd = "past-planned-end";

    public static void MapReviews(this RouteGroupBuilder group)
    {
        group.MapGet("/reviews", ListAsync).WithSummary("Open cases inactive too long or past their planned end").DisclosesNothing();
        group.MapGet("/caseload", CaseloadAsync).WithSummary("Each coach's open cases against the limit").DisclosesNothing();
    }

    private static async Task<Results<Ok<List<CaseReview>>, ProblemHttpResult>> ListAsync(
        Grant grant, ServiceDatabase<MunicipalityService> database, IOptions<IpsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Coordinator || grant.Actor.UnitId is null)
        {
            return Problems.Forbidden("Ärenden att ta ställning till visas för enhetens samordnare.");
        }

        var now = clock.GetUtcNow();
        var today = SwedishTime.Today(clock);
        await using var session = await database.ConnectAsync(cancellationToken);
        var reviews = new List<CaseReview>();
        foreach (var (caseId, personRef, status, lastActivity, plannedEnd) in await EnrolmentStore.OpenWithActivityAsync(session, grant.Actor.UnitId))
        {
            if (now - lastActivity > TimeSpan.FromDays(options.Value.InactiveDays))
            {
                reviews.Add(new CaseReview(caseId, personRef, status, lastActivity, Inactive));
            }

            if (plannedEnd is { } end && end < today)
            {
                reviews.Add(new CaseReview(caseId, personRef, status, SwedishTime.StartOf(end.AddDays(1)), PastPlannedEnd));
            }
        }

        return TypedResults.Ok(reviews.OrderBy(r => r.Since).ToList());
    }

    private static async Task<Results<Ok<List<CoachCaseload>>, ProblemHttpResult>> CaseloadAsync(
        Grant grant, ServiceDatabase<MunicipalityService> database, FinsamDirectory directory, IOptions<IpsOptions> options, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Coordinator || grant.Actor.UnitId is null)
        {
            return Problems.Forbidden("Coachernas ärendemängd visas för enhetens samordnare.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var open = await OpenCasesByCoachAsync(session, grant.Actor.UnitId);
        return TypedResults.Ok(directory.Staff
            .Where(s => s.UnitId == grant.Actor.UnitId && s.Role == Roles.Coach)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new CoachCaseload(s.UserId, s.Name, open.GetValueOrDefault(s.UserId), options.Value.CaseloadLimit))
            .ToList());
    }

    public static async Task<Dictionary<string, int>> OpenCasesByCoachAsync(DbSession session, string unitId) =>
        (await EnrolmentStore.OpenWithCoachAsync(session, unitId)).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
}
