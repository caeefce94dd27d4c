namespace Finsam.Contracts.Api.Meetings;

public sealed record ScheduleMeetingRequest(string? PersonRef, DateTimeOffset? ScheduledAt, string? Mode, IReadOnlyList<ParticipantRequest?>? Participants, string? Agenda = null);
