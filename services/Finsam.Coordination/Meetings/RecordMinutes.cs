using Finsam.ServiceDefaults.Disclosures;
using System.Globalization;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Coordination.Meetings;

/// <summary>The meeting ends with decisions and action items: every next step has an owning party and a date.</summary>
public static class RecordMinutes
{
    private const int MaxNotes = 10_000;

    public static void MapRecordMinutes(this RouteGroupBuilder group)
    {
        group.MapPost("/{meetingId:guid}/minutes", RecordAsync).WithSummary("Minutes: notes, decisions, action items, next meeting").DisclosesNothing();
        group.MapPost("/{meetingId:guid}/actions/{actionId:guid}/done", DoneAsync).WithSummary("Mark an action item done").DisclosesNothing();
    }

    private static async Task<Results<Ok<MinutesResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid meetingId, MinutesRequest request, Grant grant, ServiceDatabase<CoordinationService> database, FinsamDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = Validate(request, directory, now);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await MeetingAccess.FindForParticipantAsync(database, meetingId, grant, clock, cancellationToken) is null)
        {
            return Problems.NotFound("Mötet finns inte.");
        }

        var actions = (request.Actions ?? []).Select(a => new ActionItem(
            Guid.CreateVersion7(), a!.OwnerParty!, string.IsNullOrWhiteSpace(a.OwnerUnitId) ? null : a.OwnerUnitId, a.Description!.Trim(), a.Due!, null, null)).ToList();
        await using var session = await database.BeginAsync(cancellationToken);
        await MeetingStore.RecordMinutesAsync(session, meetingId, request.Notes!, [.. (request.Decisions ?? []).Select(d => d!.Trim())], actions, request.NextMeetingAt);
        await session.CommitAsync();
        return TypedResults.Ok(new MinutesResponse(meetingId, actions));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DoneAsync(
        Guid meetingId, Guid actionId, Grant grant, ServiceDatabase<CoordinationService> database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meeting = await MeetingAccess.FindForParticipantAsync(database, meetingId, grant, clock, cancellationToken);
        if (meeting is null)
        {
            return Problems.NotFound("Mötet finns inte.");
        }

        // An action that does not exist is not found; only one that exists and is already done conflicts.
        if (meeting.Actions.All(a => a.ActionId != actionId))
        {
            return Problems.NotFound("Åtgärden finns inte i det här mötet.");
        }

        await using var session = await database.BeginAsync(cancellationToken);
        if (!await MeetingStore.MarkDoneAsync(session, meetingId, actionId, grant.Actor.UserId, clock.GetUtcNow()))
        {
            return Problems.Conflict("Åtgärden är redan klar.");
        }

        await session.CommitAsync();
        return TypedResults.NoContent();
    }

    private static ValidationErrors Validate(MinutesRequest request, FinsamDirectory directory, DateTimeOffset now)
    {
        var errors = new ValidationErrors().RequireText(request.Notes, "notes", "Skriv anteckningar från mötet.", MaxNotes)
            .Require(request.NextMeetingAt is null || request.NextMeetingAt > now, "nextMeetingAt", "Nästa möte ligger i det förflutna.")
            .Require(request.Decisions is null || request.Decisions.All(d => !string.IsNullOrWhiteSpace(d) && d.Length <= 2000), "decisions", "Ett beslut är 1–2000 tecken.");
        var actions = request.Actions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            if (a is null || !Parties.IsValid(a.OwnerParty))
            {
                errors.Add($"actions[{i}].ownerParty", "Varje åtgärd behöver en ansvarig part.");
                continue;
            }

            errors.Require(string.IsNullOrWhiteSpace(a.OwnerUnitId) || directory.FindUnit(a.OwnerUnitId)?.Party == a.OwnerParty, $"actions[{i}].ownerUnitId", "Okänd enhet för den parten.")
                .RequireText(a.Description, $"actions[{i}].description", "Beskriv åtgärden.", 2000)
                .Require(DateOnly.TryParseExact(a.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"actions[{i}].due", "Ange ett datum ÅÅÅÅ-MM-DD.");
        }

        return errors;
    }
}
