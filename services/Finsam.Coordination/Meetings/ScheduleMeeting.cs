using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Api;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Meetings;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Coordination.Meetings;

/// <summary>
/// Schedules a follow-up meeting. Every participating party (and unit) must be covered by an active
/// <c>coordination</c> consent for the <c>meeting</c> category: the meeting itself is shared data. Each
/// participating unit's invitation is published with the meeting, so the audit log knows who has a relation
/// to the person through the meeting; a refused meeting invites nobody.
/// </summary>
public static class ScheduleMeeting
{
    private static readonly IReadOnlyList<string> Modes = RequestCodes.MeetingModes;
    private static readonly string[] MeetingCategory = [DataCategories.Meeting];

    public static void MapScheduleMeeting(this RouteGroupBuilder group) =>
        group.MapPost("", HandleAsync).WithSummary("Schedule a follow-up meeting (needs a coordination consent for every party)").DisclosesNothing();

    private static async Task<Results<Created<MeetingView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ScheduleMeetingRequest request, Grant grant, ServiceDatabase<CoordinationService> database, ConsentDecisionClient<CoordinationService> consent,
        FinsamDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = Validate(request, directory, now);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var participants = request.Participants!.Select(p => new Participant(p!.Party!, p.UnitId!, string.IsNullOrWhiteSpace(p.UserId) ? null : p.UserId)).Distinct().ToList();
        if (!participants.Any(p => p.Includes(grant.Actor)))
        {
            return Problems.Invalid("participants", "Du som bokar mötet behöver själv vara med bland deltagarna.");
        }

        var uncovered = new List<(Participant Participant, string? Reason)>();
        var covered = new List<(Participant Participant, Guid ConsentId)>();
        foreach (var participant in participants.DistinctBy(p => (p.Party, p.UnitId)))
        {
            var decision = await consent.DecideAsync(
                new ConsentDecisionRequest(request.PersonRef!, participant.Party, participant.UnitId, MeetingCategory, Purposes.Coordination), grant.Actor, cancellationToken);
            if (decision is { Permitted: true, ConsentId: { } consentId })
            {
                covered.Add((participant, consentId));
            }
            else
            {
                uncovered.Add((participant, decision.Permitted ? ConsentDecision.NoConsent : decision.Reason));
            }
        }

        await using var session = await database.BeginAsync(cancellationToken);
        if (uncovered.Count > 0)
        {
            foreach (var (participant, reason) in uncovered)
            {
                await session.EnqueueAsync(AccessRecorded.Denial(
                    grant.Actor, request.PersonRef, grant.Actor.Party, participant.Party, participant.UnitId, MeetingCategory, Purposes.Coordination,
                    reason ?? ConsentDecision.NoConsent, now));
            }

            await session.CommitAsync();
            return Problems.ConsentRequired(
                "Samtycket för samordning omfattar inte alla deltagande parter: " + string.Join(", ", uncovered.Select(u => SwedishLabels.Party(u.Participant.Party))) + ".");
        }

        var meeting = new Meeting(Guid.CreateVersion7(), request.PersonRef!, request.ScheduledAt!.Value, request.Mode!, request.Agenda, participants,
            null, [], [], null, grant.Actor.UserId, now);
        await MeetingStore.InsertAsync(session, meeting, grant.Actor);
        foreach (var (unit, consentId) in covered)
        {
            await session.EnqueueAsync(new MeetingParticipantInvited
            {
                MeetingId = meeting.MeetingId, PersonRef = meeting.PersonRef, ParticipantParty = unit.Party, ParticipantUnitId = unit.UnitId,
                ParticipantUserIds = [.. participants.Where(p => p.Party == unit.Party && p.UnitId == unit.UnitId && p.UserId is not null).Select(p => p.UserId!)],
                ScheduledAt = meeting.ScheduledAt, InvitedBy = grant.Actor, ConsentId = consentId, OccurredAt = now,
            });
        }

        await session.CommitAsync();
        return TypedResults.Created($"/coordination/meetings/{meeting.MeetingId}", meeting.ToView(participants.ToDictionary(p => p, _ => true), null));
    }

    private static ValidationErrors Validate(ScheduleMeetingRequest request, FinsamDirectory directory, DateTimeOffset now)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens.")
            .Require(request.ScheduledAt is { } at && at > now, "scheduledAt", "Ange en tid i framtiden (ISO 8601).")
            .Require(Modes.Contains(request.Mode), "mode", "Välj in-person, digital eller phone.")
            .OptionalText(request.Agenda, "agenda");
        if (request.Participants is not { Count: > 0 } || request.Participants.Count > 30)
        {
            return errors.Add("participants", "Ange mellan 1 och 30 deltagare.");
        }

        for (var i = 0; i < request.Participants.Count; i++)
        {
            var p = request.Participants[i];
            if (p is null || !Parties.IsValid(p.Party))
            {
                errors.Add($"participants[{i}].party", "Okänd part.");
            }
            else if (directory.FindUnit(p.UnitId)?.Party != p.Party)
            {
                errors.Add($"participants[{i}].unitId", "Okänd enhet för den parten.");
            }
            else if (!string.IsNullOrWhiteSpace(p.UserId) && directory.FindStaff(p.UserId)?.UnitId != p.UnitId)
            {
                errors.Add($"participants[{i}].userId", "Personen finns inte på den enheten.");
            }
        }

        return errors;
    }
}
