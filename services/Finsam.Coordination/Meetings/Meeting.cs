using System.Globalization;
using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Coordination.Meetings;

public sealed record Meeting(
    Guid MeetingId,
    string PersonRef,
    DateTimeOffset ScheduledAt,
    string Mode,
    string? Agenda,
    IReadOnlyList<Participant> Participants,
    string? Notes,
    IReadOnlyList<string> Decisions,
    IReadOnlyList<ActionItem> Actions,
    DateTimeOffset? NextMeetingAt,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public bool IsParticipant(Actor actor) => Participants.Any(p => p.Includes(actor));

    /// <summary>The meeting as a participant reads it: who the consent still covers, and the consent that covers the reader.</summary>
    public MeetingView ToView(IReadOnlyDictionary<Participant, bool> covered, Guid? consentId) => new(
        MeetingId, PersonRef, ScheduledAt, Mode, Agenda,
        [.. Participants.Select(p => new ParticipantView(p.Party, p.UnitId, p.UserId, covered.GetValueOrDefault(p)))],
        Notes, Decisions, Actions, NextMeetingAt, consentId);
}

/// <summary>The meeting tables; the SQL is the same on SQLite and SQL Server.</summary>
public static class MeetingStore
{
    public static async Task InsertAsync(DbSession session, Meeting meeting, Actor creator)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO meetings (meeting_id, person_ref, scheduled_at, mode, agenda, created_by_user, created_by_party, created_by_unit, created_at)
            VALUES (@MeetingId, @PersonRef, @ScheduledAt, @Mode, @Agenda, @UserId, @Party, @UnitId, @CreatedAt)
            """,
            new
            {
                MeetingId = meeting.MeetingId.ToString(), meeting.PersonRef, meeting.ScheduledAt, meeting.Mode, meeting.Agenda,
                creator.UserId, creator.Party, creator.UnitId, meeting.CreatedAt,
            });
        for (var i = 0; i < meeting.Participants.Count; i++)
        {
            var p = meeting.Participants[i];
            await session.ExecuteAsync(
                "INSERT INTO meeting_participants (meeting_id, position, party, unit_id, user_id) VALUES (@MeetingId, @Position, @Party, @UnitId, @UserId)",
                new { MeetingId = meeting.MeetingId.ToString(), Position = i, p.Party, p.UnitId, p.UserId });
        }
    }

    public static async Task<Meeting?> FindAsync(DbSession session, Guid meetingId)
    {
        var id = meetingId.ToString();
        var row = await session.QuerySingleOrDefaultAsync<MeetingRow>(
            """
            SELECT meeting_id AS MeetingId, person_ref AS PersonRef, scheduled_at AS ScheduledAt, mode, agenda, notes,
                   next_meeting_at AS NextMeetingAt, created_by_user AS CreatedBy, created_at AS CreatedAt
            FROM meetings WHERE meeting_id = @Id
            """, new { Id = id });
        if (row is null)
        {
            return null;
        }

        var participants = await session.QueryAsync<ParticipantRow>(
            "SELECT party, unit_id AS UnitId, user_id AS UserId FROM meeting_participants WHERE meeting_id = @Id ORDER BY position", new { Id = id });
        var decisions = await session.QueryAsync<string>("SELECT text FROM meeting_decisions WHERE meeting_id = @Id ORDER BY position", new { Id = id });
        var actions = await session.QueryAsync<ActionRow>(
            """
            SELECT action_id AS ActionId, owner_party AS OwnerParty, owner_unit_id AS OwnerUnitId, description, due, done_at AS DoneAt, done_by AS DoneBy
            FROM meeting_actions WHERE meeting_id = @Id ORDER BY due, action_id
            """, new { Id = id });
        return new Meeting(
            meetingId, row.PersonRef, row.ScheduledAt, row.Mode, row.Agenda,
            [.. participants.Select(p => new Participant(p.Party, p.UnitId, p.UserId))], row.Notes, [.. decisions],
            [.. actions.Select(a => new ActionItem(Guid.Parse(a.ActionId), a.OwnerParty, a.OwnerUnitId, a.Description, a.Due, a.DoneAt, a.DoneBy))],
            row.NextMeetingAt, row.CreatedBy, row.CreatedAt);
    }

    public static async Task<IReadOnlyList<Guid>> ForPersonAndUnitAsync(DbSession session, string personRef, string party, string? unitId) =>
        [.. (await session.QueryAsync<string>(
            """
            SELECT DISTINCT m.meeting_id FROM meetings m JOIN meeting_participants p ON p.meeting_id = m.meeting_id
            WHERE m.person_ref = @PersonRef AND p.party = @Party AND p.unit_id = @UnitId
            """, new { PersonRef = personRef, Party = party, UnitId = unitId })).Select(Guid.Parse)];

    public static async Task RecordMinutesAsync(DbSession session, Guid meetingId, string notes, IReadOnlyList<string> decisions, IReadOnlyList<ActionItem> actions, DateTimeOffset? nextMeetingAt)
    {
        var id = meetingId.ToString();
        await session.ExecuteAsync("UPDATE meetings SET notes = @Notes, next_meeting_at = @NextMeetingAt WHERE meeting_id = @Id", new { Notes = notes, NextMeetingAt = nextMeetingAt, Id = id });
        var first = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM meeting_decisions WHERE meeting_id = @Id", new { Id = id });
        for (var i = 0; i < decisions.Count; i++)
        {
            await session.ExecuteAsync("INSERT INTO meeting_decisions (meeting_id, position, text) VALUES (@Id, @Position, @Text)", new { Id = id, Position = first + i, Text = decisions[i] });
        }

        foreach (var action in actions)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO meeting_actions (action_id, meeting_id, owner_party, owner_unit_id, description, due)
                VALUES (@ActionId, @Id, @OwnerParty, @OwnerUnitId, @Description, @Due)
                """,
                new { ActionId = action.ActionId.ToString(), Id = id, action.OwnerParty, action.OwnerUnitId, action.Description, action.Due });
        }
    }

    /// <summary>Marks an action done once; returns false when it is already done (or unknown).</summary>
    public static async Task<bool> MarkDoneAsync(DbSession session, Guid meetingId, Guid actionId, string userId, DateTimeOffset at) =>
        await session.ExecuteAsync(
            "UPDATE meeting_actions SET done_at = @At, done_by = @UserId WHERE action_id = @ActionId AND meeting_id = @MeetingId AND done_at IS NULL",
            new { At = at, UserId = userId, ActionId = actionId.ToString(), MeetingId = meetingId.ToString() }) == 1;

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record MeetingRow
    {
        public string MeetingId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public DateTimeOffset ScheduledAt { get; init; }
        public string Mode { get; init; } = "";
        public string? Agenda { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset? NextMeetingAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed record ParticipantRow
    {
        public string Party { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string? UserId { get; init; }
    }

    private sealed record ActionRow
    {
        public string ActionId { get; init; } = "";
        public string OwnerParty { get; init; } = "";
        public string? OwnerUnitId { get; init; }
        public string Description { get; init; } = "";
        public string Due { get; init; } = "";
        public DateTimeOffset? DoneAt { get; init; }
        public string? DoneBy { get; init; }
    }
}
