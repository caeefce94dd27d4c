using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Enrolment;
using Finsam.Municipality.Ips.Reporting;
using Microsoft.Extensions.Options;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>The unit's coordinator gives a queued case to one of the unit's coaches, or to another coach before work starts.</summary>
public static class AssignCase
{
    public static void MapAssignCase(this RouteGroupBuilder group) =>
        group.MapPost("/cases/{caseId:guid}/assign", HandleAsync).WithSummary("Assign a case to a coach of the unit").DisclosesNothing();

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid caseId, AssignCaseRequest request, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, FinsamDirectory directory, IOptions<IpsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visible = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        if (visible is null)
        {
            return Problems.NotFound("Ärendet finns inte.");
        }

        if (grant.Actor.Role != Roles.Coordinator)
        {
            return Problems.Forbidden("Bara enhetens samordnare kan fördela ärenden.");
        }

        var coach = directory.FindStaff(request.CoachUserId);
        if (coach is null || coach.Role != Roles.Coach || coach.UnitId != visible.UnitId)
        {
            return Problems.Invalid("coachUserId", "Välj en IPS-coach på den här enheten.");
        }

        if (!CaseStatus.CanMove(visible.Status, CaseStatus.Assigned))
        {
            return Problems.Conflict($"Ett ärende med status {visible.Status} kan inte fördelas.");
        }

        var report = await reporter.PlanAsync(visible, CaseStatus.Assigned, grant.Actor, cancellationToken); // before the write session
        await using var session = await database.BeginAsync(cancellationToken);
        var ipsCase = (await CaseStore.FindAsync(session, caseId))!;
        var now = clock.GetUtcNow();
        if (ipsCase.Status != visible.Status || !await CaseStore.MoveAsync(session, ipsCase, CaseStatus.Assigned, grant.Actor.UserId, now, coachUserId: coach.UserId))
        {
            return Problems.Conflict("Ärendet ändrades samtidigt av någon annan; läs om det och försök igen.");
        }

        await reporter.WriteAsync(session, ipsCase, report, now);
        var load = (await Reviews.OpenCasesByCoachAsync(session, ipsCase.UnitId)).GetValueOrDefault(coach.UserId);
        await session.CommitAsync();
        // A warning, not a refusal: the coordinator knows why a coach takes one more for a while.
        var warning = load > options.Value.CaseloadLimit
            ? $"{coach.Name} har nu {load} pågående ärenden, fler än {options.Value.CaseloadLimit} som en heltidscoach bör ha."
            : null;
        return TypedResults.Ok(new CaseStatusResponse(caseId, CaseStatus.Assigned, coach.UserId, now, warning));
    }
}
