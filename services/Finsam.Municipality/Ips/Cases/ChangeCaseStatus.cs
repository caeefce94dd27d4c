using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Agencies;
using Finsam.Municipality.Ips.Reporting;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>
/// The coach (or coordinator) moves a case along its life. Declining a queued referral is the coordinator's;
/// an outcome from the taxonomy in DOMAIN.md may be given when a case closes.
/// </summary>
public static class ChangeCaseStatus
{
    public static void MapChangeCaseStatus(this RouteGroupBuilder group)
    {
        group.MapPost("/cases/{caseId:guid}/status", ChangeAsync).WithSummary("Move a case: active, dormant, inactive or closed").DisclosesNothing();
        group.MapPost("/cases/{caseId:guid}/decline", DeclineAsync).WithSummary("Decline a queued referral").DisclosesNothing();
    }

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid caseId, ChangeCaseStatusRequest request, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, AgencyFollowUp agencies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(CaseStatus.Settable.Contains(request.Status), "status", "Välj active, dormant, inactive eller closed.")
            .OptionalText(request.Reason, "reason", 2000)
            .Require(request.Outcome is null || (Occupations.Outcomes.Contains(request.Outcome) && request.Status == CaseStatus.Closed), "outcome",
                "Utfall anges bara när ärendet avslutas, med en kod ur utfallslistan.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await MoveAsync(caseId, request.Status!, request.Reason, request.Outcome, grant, database, reporter, agencies, clock, cancellationToken);
    }

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        Guid caseId, ChangeCaseStatusRequest request, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, AgencyFollowUp agencies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().RequireText(request.Reason, "reason", "Ange varför remissen inte tas emot.", 2000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (grant.Actor.Role != Roles.Coordinator)
        {
            return Problems.Forbidden("Bara enhetens samordnare kan avböja remisser.");
        }

        return await MoveAsync(caseId, CaseStatus.Declined, request.Reason, null, grant, database, reporter, agencies, clock, cancellationToken);
    }

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid caseId, string status, string? reason, string? outcome, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, AgencyFollowUp agencies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visible = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        if (visible is null)
        {
            return Problems.NotFound("Ärendet finns inte.");
        }

        if (!CaseStatus.CanMove(visible.Status, status))
        {
            return Problems.Conflict($"Ett ärende kan inte gå från {visible.Status} till {status}.");
        }

        // Consent decisions first: no network call inside the write session.
        var report = await reporter.PlanAsync(visible, status, grant.Actor, cancellationToken);
        var workStarts = status == CaseStatus.Active && visible.Status is CaseStatus.Assigned or CaseStatus.Closed;
        var followUp = workStarts ? await agencies.PlanAsync(visible, grant.Actor, cancellationToken) : [];

        await using var session = await database.BeginAsync(cancellationToken);
        var ipsCase = (await CaseStore.FindAsync(session, caseId))!;
        var now = clock.GetUtcNow();
        if (ipsCase.Status != visible.Status || !await CaseStore.MoveAsync(session, ipsCase, status, grant.Actor.UserId, now, reason: reason, outcome: outcome))
        {
            return Problems.Conflict("Ärendet ändrades samtidigt av någon annan; läs om det och försök igen.");
        }

        await reporter.WriteAsync(session, ipsCase, report, now);
        await AgencyFollowUp.WriteAsync(session, ipsCase, followUp, now); // work starts (or starts again)

        await session.CommitAsync();
        return TypedResults.Ok(new CaseStatusResponse(caseId, status, ipsCase.CoachUserId, now));
    }
}
