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
/// The enrolment from the case's coach or the unit's coordinator: the intake (where the person stands at the start, the
/// questions a follow-up report needs, no diagnosis), an extension of the planned end with a reason, and the contacts
/// with employers. All of it is the unit's own record, on an open case.
/// </summary>
public static class EnrolmentEndpoints
{
    public const int EmployerMaxLength = 200;

    private const string ClosedMeanwhile = "Ärendet avslutades samtidigt av någon annan; läs om det och försök igen.";

    public static void MapEnrolment(this RouteGroupBuilder group)
    {
        group.MapPost("/cases/{caseId:guid}/intake", RecordIntakeAsync).WithSummary("Record the status at start (intake)").DisclosesNothing();
        group.MapPost("/cases/{caseId:guid}/extend", ExtendAsync).WithSummary("Extend the enrolment past its planned end").DisclosesNothing();
        group.MapPost("/cases/{caseId:guid}/employer-contacts", AddEmployerContactAsync).WithSummary("Record a contact with an employer").DisclosesNothing();
    }

    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> RecordIntakeAsync(
        Guid caseId, RecordIntakeRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, FollowUpEvents followUpEvents,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var today = SwedishTime.Today(clock);
        var hasDate = CalendarDates.TryParse(request.Date, out var date);
        var hasEnd = CalendarDates.TryParse(request.PlannedEnd, out var plannedEnd);
        var sources = request.IncomeSources?.Where(s => s is not null).Select(s => s!).Distinct().ToList() ?? [];
        var errors = new ValidationErrors()
            .Require(hasDate && date <= today, "date", "Ange inskrivningsdatum som ÅÅÅÅ-MM-DD, i dag eller tidigare.")
            .Require(EnrolmentCodes.Sexes.Contains(request.Sex), "sex", "Välj kön: woman, man eller other.")
            .Require(request.BirthYear is { } year && year >= today.Year - 100 && year <= today.Year, "birthYear", "Ange födelseår, inte i framtiden.")
            .Require(EnrolmentCodes.Educations.Contains(request.Education), "education", "Välj utbildning ur listan.")
            .Require(EnrolmentCodes.LastEmployed.Contains(request.LastEmployed), "lastEmployed", "Välj när personen senast arbetade.")
            .Require(request.AfRegistered is not null, "afRegistered", "Ange om personen är inskriven på Arbetsförmedlingen.")
            .Require(Occupations.Statuses.Contains(request.Occupation), "occupation", "Välj sysselsättning vid start ur listan.")
            .Require(EnrolmentCodes.ExtentBands.Contains(request.ExtentBand), "extentBand", "Välj omfattning ur listan.")
            .Require(sources.Count > 0 && request.IncomeSources!.All(s => EnrolmentCodes.IncomeSources.Contains(s)), "incomeSources", "Välj minst en försörjningskälla ur listan.")
            .Require(EnrolmentCodes.TimeInPublicSupport.Contains(request.TimeInPublicSupport), "timeInPublicSupport", "Välj hur länge personen haft offentlig försörjning.")
            .RequireText(request.WishAndGoal, "wishAndGoal", "Ange personens önskan och mål.")
            .Require(request.PlannedEnd is null || (hasEnd && (!hasDate || plannedEnd > date)), "plannedEnd", "Planerat slut anges som ÅÅÅÅ-MM-DD, efter inskrivningen.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var (ipsCase, refused) = await OpenCaseAsync(caseId, grant, database, clock, "Inskrivning görs på ett fördelat eller pågående ärende.", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var pseudonym = await followUpEvents.PseudonymIfConsentedAsync(ipsCase.PersonRef, grant.Actor, cancellationToken); // before the write session
        var intake = new IntakeView(
            date, request.Sex!, request.BirthYear!.Value, request.Education!, request.LastEmployed!, request.AfRegistered!.Value, request.Occupation!,
            request.ExtentBand!, sources, request.TimeInPublicSupport!, request.WishAndGoal!.Trim(), grant.Actor.UserId, clock.GetUtcNow());
        await using (var session = await database.BeginAsync(cancellationToken))
        {
            if (!await EnrolmentStore.SaveIntakeAsync(session, caseId, intake, request.PlannedEnd is null ? date.AddMonths(EnrolmentCodes.DefaultEnrolmentMonths) : plannedEnd))
            {
                return Problems.Conflict(ClosedMeanwhile);
            }

            // The enrolment this intake starts: one per closing before it, so a corrected intake replaces its start.
            var enrolment = (await EnrolmentStore.EndingsAsync(session, caseId)).Count;
            await followUpEvents.EnqueueStartAsync(session, ipsCase, intake, enrolment, pseudonym);
            await session.CommitAsync();
        }

        return await ReadCases.DetailAsync(ipsCase, grant, database, clock, context, cancellationToken);
    }

    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        Guid caseId, ExtendCaseRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock,
        HttpContext context, CancellationToken cancellationToken)
    {
        var hasUntil = CalendarDates.TryParse(request.Until, out var until);
        var errors = new ValidationErrors()
            .Require(hasUntil, "until", "Ange nytt slutdatum som ÅÅÅÅ-MM-DD.")
            .RequireText(request.Reason, "reason", "Ange varför inskrivningen förlängs.", 2000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        const string NeedsOpenWithPlannedEnd = "Bara ett pågående ärende med inskrivning och planerat slut kan förlängas.";
        var (ipsCase, refused) = await OpenCaseAsync(caseId, grant, database, clock, NeedsOpenWithPlannedEnd, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        await using (var session = await database.BeginAsync(cancellationToken))
        {
            var current = await EnrolmentStore.PlannedEndAsync(session, caseId);
            if (current is null)
            {
                return Problems.Conflict(NeedsOpenWithPlannedEnd);
            }

            if (until <= current)
            {
                return Problems.Invalid("until", $"Det nya slutdatumet ska vara efter det nuvarande, {CalendarDates.Text(current.Value)}.");
            }

            if (!await EnrolmentStore.ExtendAsync(session, caseId, current, until, request.Reason!.Trim(), grant.Actor.UserId, clock.GetUtcNow()))
            {
                return Problems.Conflict(ClosedMeanwhile);
            }

            await session.CommitAsync();
        }

        return await ReadCases.DetailAsync(ipsCase, grant, database, clock, context, cancellationToken);
    }

    private static async Task<Results<Created<EmployerContactView>, ValidationProblem, ProblemHttpResult>> AddEmployerContactAsync(
        Guid caseId, EmployerContactRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var hasDate = CalendarDates.TryParse(request.Date, out var date);
        var employer = request.Employer?.Trim();
        var errors = new ValidationErrors()
            .Require(hasDate && date <= SwedishTime.Today(clock), "date", "Ange datum som ÅÅÅÅ-MM-DD, i dag eller tidigare.")
            .RequireText(employer, "employer", "Ange arbetsgivare.", EmployerMaxLength)
            .Require(EnrolmentCodes.EmployerContactKinds.Contains(request.Kind), "kind", "Välj typ av kontakt: visit, phone, meeting, email eller other.")
            .OptionalText(request.Note, "note", 2000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var (_, refused) = await OpenCaseAsync(caseId, grant, database, clock, "Arbetsgivarkontakter registreras på ett pågående ärende.", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var contact = new EmployerContactView(Guid.CreateVersion7(), date, employer!, request.Kind!, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), grant.Actor.UserId);
        await using var session = await database.BeginAsync(cancellationToken);
        if (!await EnrolmentStore.AddEmployerContactAsync(session, caseId, contact, clock.GetUtcNow()))
        {
            return Problems.Conflict(ClosedMeanwhile);
        }

        await session.CommitAsync();
        return TypedResults.Created($"/municipality/ips/cases/{caseId}/employer-contacts/{contact.ContactId}", contact);
    }

    /// <summary>The case, when the caller may see it and it is open; otherwise the refusal: 404 (and a recorded denial), or 409.</summary>
    private static async Task<(IpsCase Case, ProblemHttpResult? Refused)> OpenCaseAsync(
        Guid caseId, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock, string needsOpen, CancellationToken cancellationToken) =>
        await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken) switch
        {
            null => (null!, Problems.NotFound("Ärendet finns inte.")),
            { } closed when !CaseStatus.Open.Contains(closed.Status) => (closed, Problems.Conflict(needsOpen)),
            { } open => (open, null),
        };

    /// <summary>
    /// Days from intake to the first employer contact (IPS: about 30), counted in Swedish calendar days, so month ends and
    /// daylight-saving changes count as the calendar does; null until both exist.
    /// </summary>
    public static int? DaysToFirstEmployerContact(IntakeView? intake, IReadOnlyList<EmployerContactView> contacts) =>
        DaysBetween(intake?.Date, contacts.Count == 0 ? null : contacts.Min(c => c.Date));

    public static int? DaysBetween(DateOnly? intake, DateOnly? firstContact) =>
        intake is { } start && firstContact is { } first ? first.DayNumber - start.DayNumber : null;
}
