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

public sealed record ParticipantView(string Party, string UnitId, string? UserId, bool Covered);

public sealed record MeetingView(
    Guid MeetingId, string PersonRef, DateTimeOffset ScheduledAt, string Mode, string? Agenda, IReadOnlyList<ParticipantView> Participants,
    string? Notes, IReadOnlyList<string> Decisions, IReadOnlyList<ActionItem> Actions, DateTimeOffset? NextMeetingAt)
{
    public static MeetingView From(Meeting m, IReadOnlyDictionary<Participant, bool> covered) => new(
        m.MeetingId, m.PersonRef, m.ScheduledAt, m.Mode, m.Agenda,
        [.. m.Participants.Select(p => new ParticipantView(p.Party, p.UnitId, p.UserId, covered.GetValueOrDefault(p)))],
        m.Notes, m.Decisions, m.Actions, m.NextMeetingAt);
}

public static class ReadMeetings
{
    public static void MapReadMeetings(this RouteGroupBuilder group)
    {
        group.MapGet("/{meetingId:guid}", GetAsync).WithSummary("A meeting, for its participants; shows who the consent no longer covers");
        group.MapGet("", ListAsync).WithSummary("The person's meetings that the caller's unit takes part in");
    }

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> GetAsync(
        Guid meetingId, Grant grant, ServiceDatabase<CoordinationService> database, ConsentDecisionClient<CoordinationService> consent,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var meeting = await MeetingAccess.FindForParticipantAsync(database, meetingId, grant, clock, cancellationToken);
        return meeting is null
            ? Problems.NotFound("Mötet finns inte.")
            : TypedResults.Ok(await WithCoverageAsync(meeting, consent, grant, cancellationToken));
    }

    private static async Task<Results<Ok<List<MeetingView>>, ValidationProblem>> ListAsync(
        string? personRef, Grant grant, ServiceDatabase<CoordinationService> database, ConsentDecisionClient<CoordinationService> consent,
        CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Ange en giltig personreferens.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var views = new List<MeetingView>();
        foreach (var id in await MeetingStore.ForPersonAndUnitAsync(session, personRef, grant.Actor.Party, grant.Actor.UnitId))
        {
            if (await MeetingStore.FindAsync(session, id) is { } meeting && meeting.IsParticipant(grant.Actor))
            {
                views.Add(await WithCoverageAsync(meeting, consent, grant, cancellationToken));
            }
        }

        return TypedResults.Ok(views.OrderBy(v => v.ScheduledAt).ToList());
    }

    /// <summary>A participant whose party the consent no longer covers is shown as such, not hidden.</summary>
    internal static async Task<MeetingView> WithCoverageAsync(Meeting meeting, ConsentDecisionClient<CoordinationService> consent, Grant grant, CancellationToken cancellationToken)
    {
        var covered = new Dictionary<Participant, bool>();
        foreach (var participant in meeting.Participants)
        {
            var decision = await consent.DecideAsync(
                new ConsentDecisionRequest(meeting.PersonRef, participant.Party, participant.UnitId, [DataCategories.Meeting], Purposes.Coordination),
                grant.Actor, cancellationToken);
            covered[participant] = decision.Permitted;
        }

        return MeetingView.From(meeting, covered);
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

        await using var denial = await database.BeginAsync(cancellationToken);
        await denial.EnqueueAsync(new AccessRecorded
        {
            Action = AuditActions.Deny, Actor = grant.Actor, PersonRef = meeting.PersonRef, SourceParty = null,
            RecipientParty = grant.Actor.Party, RecipientUnitId = grant.Actor.UnitId, Categories = [DataCategories.Meeting],
            Purpose = Purposes.Coordination, Reason = "not-meeting-participant", OccurredAt = clock.GetUtcNow(),
        });
        await denial.CommitAsync();
        return null;
    }
}
