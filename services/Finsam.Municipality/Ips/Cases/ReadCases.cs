using Finsam.Contracts.Api.Ips;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.Municipality.Ips.Agencies;
using Finsam.Municipality.Ips.Enrolment;
using Finsam.Municipality.Ips.Placements;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Cases;

public static class ReadCases
{
    public static void MapReadCases(this RouteGroupBuilder group)
    {
        group.MapGet("/cases", ListAsync).WithSummary("A coach's own cases, or all of a coordinator's unit's cases").DisclosesNothing();
        group.MapGet("/cases/{caseId:guid}", GetAsync).WithSummary("One case with the referral content the consent allowed and its history");
    }

    private static async Task<Ok<List<CaseSummary>>> ListAsync(
        Grant grant, ServiceDatabase<MunicipalityService> database, CancellationToken cancellationToken)
    {
        var actor = grant.Actor;
        if (actor.Party != Parties.Municipality || actor.UnitId is null || actor.Role is not (Roles.Coordinator or Roles.Coach))
        {
            return TypedResults.Ok(new List<CaseSummary>());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var cases = actor.Role == Roles.Coordinator
            ? await CaseStore.ForUnitAsync(session, actor.UnitId)
            : await CaseStore.ForCoachAsync(session, actor.UnitId, actor.UserId);
        var firstContacts = await EnrolmentStore.FirstEmployerContactsAsync(session, actor.UnitId);
        return TypedResults.Ok(cases.Select(c => new CaseSummary(c.CaseId, c.PersonRef, c.Status, c.CoachUserId, c.StatusSince,
            firstContacts.TryGetValue(c.CaseId, out var first) ? EnrolmentEndpoints.DaysBetween(first.Intake, first.Contact) : null)).ToList());
    }

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetAsync(
        Guid caseId, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var ipsCase = await CaseAccess.FindVisibleAsync(database, caseId, grant, clock, cancellationToken);
        return ipsCase is null
            ? Problems.NotFound("Ärendet finns inte.")
            : await DetailAsync(ipsCase, grant, database, clock, context, cancellationToken);
    }

    /// <summary>A case the caller may see, whole: what the answer to any change of it shows too.</summary>
    public static async Task<Ok<CaseDetail>> DetailAsync(
        IpsCase ipsCase, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var caseId = ipsCase.CaseId;
        await using var session = await database.ConnectAsync(cancellationToken);
        var history = await CaseStore.HistoryAsync(session, caseId);
        var events = await AgencyFollowUp.EventsAsync(session, caseId);
        var placements = await PlacementStore.ForCaseAsync(session, caseId);
        var intakes = await EnrolmentStore.IntakesAsync(session, caseId);
        var intake = intakes.Count > 0 ? intakes[^1] : null;
        var endings = await EnrolmentStore.EndingsAsync(session, caseId);
        var contacts = await EnrolmentStore.EmployerContactsAsync(session, caseId);
        var today = SwedishTime.Today(clock);
        var agencyEvents = events.Where(e => grant.Covers(e.Category)).ToList();
        Disclose(context, ipsCase, grant, agencyEvents);
        return TypedResults.Ok(new CaseDetail(
            ipsCase.CaseId, ipsCase.ReferralId, ipsCase.PersonRef, ipsCase.UnitId, ipsCase.Status, ipsCase.CoachUserId,
            ipsCase.ReceivedAt, ipsCase.StatusSince, ipsCase.ReferringParty, ipsCase.ReferringUnitName, ipsCase.ConsentId,
            // Only what the gateway's grant names leaves the service.
            grant.Covers(DataCategories.Referral) || ipsCase.SelfReferral ? new ReferralContent(ipsCase.Reason, ipsCase.OwnGoal) : null,
            grant.Covers(DataCategories.Contact) || ipsCase.SelfReferral ? ipsCase.Contact : null,
            CaseStatus.NextFrom(ipsCase.Status), history, agencyEvents,
            // The unit's own record, like the history: no other party's data, so no consent category gates it here.
            [.. placements.Select(p => p.ToView(today))],
            intake, await EnrolmentStore.PlannedEndAsync(session, caseId), await EnrolmentStore.ExtensionsAsync(session, caseId), contacts,
            EnrolmentEndpoints.DaysToFirstEmployerContact(intake, contacts),
            ipsCase.Status == CaseStatus.Closed && endings.Count > 0 ? endings[^1] : null,
            [.. endings.Select(end => new ClosedPeriodView(intakes.LastOrDefault(i => i.RecordedAt <= end.ClosedAt), end))],
            await EnrolmentStore.PostClosingFollowUpsAsync(session, caseId)));
    }

    /// <summary>
    /// The referrer's <c>referral</c> and <c>contact</c> came under the referral's consent; what AF and FK reported
    /// came under their own consent and purpose (coordination): each source is its own view.
    /// </summary>
    private static void Disclose(HttpContext context, IpsCase ipsCase, Grant grant, IReadOnlyList<AgencyEvent> agencyEvents)
    {
        context.DiscloseNothing();
        string[] referralCategories = [.. new[] { DataCategories.Referral, DataCategories.Contact }.Where(grant.Covers)];
        // A self-referral is what the person told the unit: its own record, no other party's.
        if (referralCategories.Length > 0 && !ipsCase.SelfReferral)
        {
            context.Disclose(new Disclosure(ipsCase.PersonRef, ipsCase.ReferringParty, referralCategories, Purposes.IpsSupport, ipsCase.ConsentId));
        }

        foreach (var source in agencyEvents.GroupBy(e => (e.Party, e.ConsentId, e.Purpose)))
        {
            context.Disclose(new Disclosure(ipsCase.PersonRef, source.Key.Party, [.. source.Select(e => e.Category).Distinct()],
                source.Key.Purpose ?? Purposes.IpsSupport, Guid.TryParse(source.Key.ConsentId, out var consentId) ? consentId : null));
        }
    }
}
