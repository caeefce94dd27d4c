namespace Finsam.Contracts.Api.Meetings;

/// <param name="ConsentId">The consent under which the caller may read the meeting.</param>
public sealed record MeetingView(
    Guid MeetingId, string PersonRef, DateTimeOffset ScheduledAt, string Mode, string? Agenda, IReadOnlyList<ParticipantView> Participants,
    string? Notes, IReadOnlyList<string> Decisions, IReadOnlyList<ActionItem> Actions, DateTimeOffset? NextMeetingAt, Guid? ConsentId);
