using Finsam.Contracts.Api.Meetings;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Coordination.Meetings;

public static class ReadMeetings
{
    public static void MapReadMeetings(this RouteGroupBuilder group)
    {
        group.MapGet("/{meetingId:guid}", GetAsync).WithSummary("A meeting, for its participants; shows who the consent no longer covers");
        group.MapGet("", ListAsync).WithSummary("The person's meetings that the caller's unit takes part in").DisclosesNothing();
        group.MapGet("/{meetingId:guid}/participation", ParticipationAsync)
            .WithSummary("Whom the meeting is about, for a participant: what a shared view needs, and no content").DisclosesNothing();
    }

    private static async Task<Results<Ok<Participation>, ProblemHttpResult>> ParticipationAsync(
        Guid meetingId, Grant grant, ServiceDatabase<CoordinationService> database, TimeProvider clock, CancellationToken cancellationToken) =>
        await MeetingAccess.FindForParticipantAsync(database, meetingId, grant, clock, cancellationToken) is { } meeting
            ? TypedResults.Ok(new Participation(meeting.MeetingId, meeting.PersonRef))
            : Problems.NotFound("Mötet finns inte.");

    /// <summary>A participant whose party the consent no longer covers is told so, not shown the notes.</summary>
    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> GetAsync(
        Guid meetingId, Grant grant, ServiceDatabase<CoordinationService> database, ConsentDecisionClient<CoordinationService> consent,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var meeting = await MeetingAccess.FindForParticipantAsync(database, meetingId, grant, clock, cancellationToken);
        if (meeting is null)
        {
            return Problems.NotFound("Mötet finns inte.");
        }

        var view = await WithCoverageAsync(meeting, consent, grant, cancellationToken);
        if (view.ConsentId is null)
        {
            await MeetingAccess.RecordDenialAsync(database, meeting, grant, ConsentDecision.NoConsent, clock, cancellationToken);
            return Problems.ConsentRequired("Samtycket för samordning omfattar inte längre din part för det här mötet.");
        }

        // The notes, decisions and actions are the meeting's shared record about the person.
        context.Disclose(new Disclosure(meeting.PersonRef, null, [DataCategories.Meeting], Purposes.Coordination, view.ConsentId));
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<List<MeetingSummary>>, ValidationProblem>> ListAsync(
        string? personRef, Grant grant, ServiceDatabase<CoordinationService> database, CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Ange en giltig personreferens.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var summaries = new List<MeetingSummary>();
        foreach (var id in await MeetingStore.ForPersonAndUnitAsync(session, personRef, grant.Actor.Party, grant.Actor.UnitId))
        {
            if (await MeetingStore.FindAsync(session, id) is { } meeting && meeting.IsParticipant(grant.Actor))
            {
                summaries.Add(new MeetingSummary(meeting.MeetingId, meeting.ScheduledAt, meeting.Mode, meeting.Participants));
            }
        }

        return TypedResults.Ok(summaries.OrderBy(s => s.ScheduledAt).ToList());
    }

    /// <summary>
    /// Which participants the consent still covers (shown, not hidden), and the consent that covers the
    /// caller (null when none does).
    /// </summary>
    private static async Task<MeetingView> WithCoverageAsync(Meeting meeting, ConsentDecisionClient<CoordinationService> consent, Grant grant, CancellationToken cancellationToken)
    {
        var covered = new Dictionary<Participant, bool>();
        Guid? callersConsent = null;
        foreach (var participant in meeting.Participants)
        {
            var decision = await consent.DecideAsync(
                new ConsentDecisionRequest(meeting.PersonRef, participant.Party, participant.UnitId, [DataCategories.Meeting], Purposes.Coordination),
                grant.Actor, cancellationToken);
            covered[participant] = decision.Permitted;
            if (decision.Permitted && participant.Includes(grant.Actor))
            {
                callersConsent = decision.ConsentId;
            }
        }

        return meeting.ToView(covered, callersConsent);
    }
}

/// <summary>Only participants see a meeting; anyone else is told it does not exist, and the attempt is recorded.</summary>
public static class MeetingAccess
{
    public static async Task<Meeting?> FindForParticipantAsync(
        ServiceDatabase<CoordinationService> database, Guid meetingId, Grant grant, TimeProvider clock, CancellationToken cancellationToken)
    {
        Meeting? meeting;
        await using (var read = await database.ConnectAsync(cancellationToken))
        {
            meeting = await MeetingStore.FindAsync(read, meetingId);
        }

        if (meeting is null || meeting.IsParticipant(grant.Actor))
        {
            return meeting;
        }

        await RecordDenialAsync(database, meeting, grant, "not-meeting-participant", clock, cancellationToken);
        return null;
    }

    public static async Task RecordDenialAsync(
        ServiceDatabase<CoordinationService> database, Meeting meeting, Grant grant, string reason, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var denial = await database.BeginAsync(cancellationToken);
        await denial.EnqueueAsync(AccessRecorded.Denial(
            grant.Actor, meeting.PersonRef, null, grant.Actor.Party, grant.Actor.UnitId, [DataCategories.Meeting], Purposes.Coordination, reason, clock.GetUtcNow()));
        await denial.CommitAsync();
    }
}
