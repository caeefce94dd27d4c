namespace Finsam.Contracts.Api.Meetings;

/// <summary>What a list shows of a meeting: when, how and who; its content is read one meeting at a time.</summary>
public sealed record MeetingSummary(Guid MeetingId, DateTimeOffset ScheduledAt, string Mode, IReadOnlyList<Participant> Participants);
