using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.FollowUp;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Enrolment;

/// <summary>
/// Where the person stands 6 or 12 months after their case closed (RE-AIM's maintenance, seed 003), recorded by the case's
/// coach or the unit's coordinator on a closed case. A correction is a new row; the latest per months-after is in force.
/// With a statistics consent the follow-up service learns it, linked to the enrolment it follows.
/// </summary>
public static class PostClosingFollowUps
{
    public static readonly IReadOnlyList<int> MonthsAfter = [6, 12];

    public static void MapPostClosingFollowUps(this RouteGroupBuilder group) =>
        group.MapPost("/cases/{caseId:guid}/post-closing-follow-ups", RecordAsync).WithSummary("Record where the person stands months after closing").DisclosesNothing();

    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid caseId, PostClosingFollowUpRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, FollowUpEvents followUpEvents,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var hasDate = CalendarDates.TryParse(request.Date, out var date);
        var sources = request.IncomeSources?.Where(s => s is not null).Select(s => s!).Distinct().ToList() ?? [];
        var errors = new ValidationErrors()
            .Require(hasDate && date <= SwedishTime.Today(clock), "date", "Ange datum för uppföljningen som ÅÅÅÅ-MM-DD, i dag eller tidigare.")
            .Require(request.MonthsAfter is { } months && MonthsAfter.Contains(months), "monthsAfter", "Välj uppföljning efter 6 eller 12 månader.")
            .Require(Occupations.Statuses.Contains(request.Occupation), "occupation", "Välj sysselsättning ur listan.")
            .Require(EnrolmentCodes.ExtentBands.Contains(request.ExtentBand), "extentBand", "Välj omfattning ur listan.")
            .Require(sources.Count > 0 && request.IncomeSources!.All(s => EnrolmentCodes.IncomeSources.Contains(s)), "incomeSources", "Välj minst en försörjningskälla ur listan.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var ipsCase = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        if (ipsCase is null)
        {
            return Problems.NotFound("Ärendet finns inte.");
        }

        const string NeedsClosed = "Uppföljning efter avslut registreras på ett avslutat ärende.";
        if (ipsCase.Status != CaseStatus.Closed)
        {
            return Problems.Conflict(NeedsClosed);
        }

        var pseudonym = await followUpEvents.PseudonymIfConsentedAsync(ipsCase.PersonRef, grant.Actor, cancellationToken); // before the write session
        var followUp = new PostClosingFollowUpView(date, request.MonthsAfter!.Value, request.Occupation!, request.ExtentBand!, sources, grant.Actor.UserId, clock.GetUtcNow());
        await using (var session = await database.BeginAsync(cancellationToken))
        {
            var endings = await EnrolmentStore.EndingsAsync(session, caseId);
            if (endings.Count > 0 && date < SwedishTime.DateOf(endings[^1].ClosedAt))
            {
                return Problems.Invalid("date", "Uppföljningen kan inte vara före avslutet.");
            }

            if (!await EnrolmentStore.AddPostClosingFollowUpAsync(session, caseId, followUp))
            {
                return Problems.Conflict(NeedsClosed);
            }

            // The enrolment it follows is the last one closed; without an intake there is no start to link it to.
            var intakes = await EnrolmentStore.IntakesAsync(session, caseId);
            if (pseudonym is not null && endings.Count > 0 && intakes.LastOrDefault(i => i.RecordedAt <= endings[^1].ClosedAt) is { } intake)
            {
                await followUpEvents.EnqueueFollowUpAsync(session, ipsCase, intake, followUp, endings.Count - 1, pseudonym);
            }

            await session.CommitAsync();
        }

        return await ReadCases.DetailAsync(ipsCase, grant, database, clock, context, cancellationToken);
    }
}
