using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Agencies;
using Finsam.Municipality.Ips.Enrolment;
using Finsam.Municipality.Ips.Reporting;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Municipality.Ips.FollowUp;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>
/// The coach (or coordinator) moves a case along its life. Declining a queued referral is the coordinator's;
/// closing needs the outcome (DOMAIN.md's taxonomy) and the status at end, kept beside the intake's status at start.
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
        ReferralReporter reporter, AgencyFollowUp agencies, FollowUpEvents followUpEvents, TimeProvider clock, CancellationToken cancellationToken)
    {
        var closing = request.Status == CaseStatus.Closed;
        var end = request.EndStatus;
        var sources = end?.IncomeSources?.Where(s => s is not null).Select(s => s!).Distinct().ToList() ?? [];
        var errors = new ValidationErrors()
            .Require(CaseStatus.Settable.Contains(request.Status), "status", "Välj active, dormant, inactive eller closed.")
            .OptionalText(request.Reason, "reason", 2000)
            .Require(closing ? Occupations.Outcomes.Contains(request.Outcome) : request.Outcome is null, "outcome",
                "Ett ärende avslutas med utfall, sysselsättningen vid avslut ur utfallslistan (eller dropped-out), och bara då.")
            .Require(closing || end is null, "endStatus", "Status vid avslut anges bara när ärendet avslutas.");
        if (closing)
        {
            // Without where the person stands at the end, no report can say what the enrolment led to (seed 000).
            errors
                .Require(end is not null, "endStatus", "Ange status vid avslut: omfattning, försörjning och anledning.")
                .Require(end is null || EnrolmentCodes.ExtentBands.Contains(end.ExtentBand), "endStatus.extentBand", "Välj omfattning vid avslut ur listan.")
                .Require(end is null || (sources.Count > 0 && end.IncomeSources!.All(s => EnrolmentCodes.IncomeSources.Contains(s))),
                    "endStatus.incomeSources", "Välj minst en försörjningskälla vid avslut ur listan.")
                .Require(end is null || EnrolmentCodes.EndReasons.Contains(end.EndReason), "endStatus.endReason", "Välj anledning till avslut ur listan.");
        }

        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var ending = closing ? new EndStatusView(default, request.Outcome!, end!.ExtentBand!, sources, end.EndReason!) : null;
        return await MoveAsync(caseId, request.Status!, request.Reason, ending, grant, database, reporter, agencies, followUpEvents, clock, cancellationToken);
    }

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        Guid caseId, ChangeCaseStatusRequest request, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, AgencyFollowUp agencies, FollowUpEvents followUpEvents, TimeProvider clock, CancellationToken cancellationToken)
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

        return await MoveAsync(caseId, CaseStatus.Declined, request.Reason, null, grant, database, reporter, agencies, followUpEvents, clock, cancellationToken);
    }

    private static async Task<Results<Ok<CaseStatusResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid caseId, string status, string? reason, EndStatusView? ending, Grant grant, ServiceDatabase<MunicipalityService> database,
        ReferralReporter reporter, AgencyFollowUp agencies, FollowUpEvents followUpEvents, TimeProvider clock, CancellationToken cancellationToken)
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
        var pseudonym = ending is null ? null : await followUpEvents.PseudonymIfConsentedAsync(visible.PersonRef, grant.Actor, cancellationToken);

        await using var session = await database.BeginAsync(cancellationToken);
        var ipsCase = (await CaseStore.FindAsync(session, caseId))!;
        var now = clock.GetUtcNow();
        if (ipsCase.Status != visible.Status || !await CaseStore.MoveAsync(session, ipsCase, status, grant.Actor.UserId, now, reason: reason, outcome: ending?.Outcome))
        {
            return Problems.Conflict("Ärendet ändrades samtidigt av någon annan; läs om det och försök igen.");
        }

        if (ending is not null)
        {
            var enrolment = (await EnrolmentStore.EndingsAsync(session, caseId)).Count;
            var intakes = await EnrolmentStore.IntakesAsync(session, caseId);
            var intake = intakes.Count > 0 ? intakes[^1] : null;
            var days = EnrolmentEndpoints.DaysToFirstEmployerContact(intake, await EnrolmentStore.EmployerContactsAsync(session, caseId));
            await EnrolmentStore.AddEndingAsync(session, caseId, ending with { ClosedAt = now }, grant.Actor.UserId);
            await followUpEvents.EnqueueEndAsync(session, ipsCase, intake, ending, SwedishTime.DateOf(now), enrolment, days, pseudonym);
        }

        await reporter.WriteAsync(session, ipsCase, report, now);
        await AgencyFollowUp.WriteAsync(session, ipsCase, followUp, now); // work starts (or starts again)

        await session.CommitAsync();
        return TypedResults.Ok(new CaseStatusResponse(caseId, status, ipsCase.CoachUserId, now));
    }
}
