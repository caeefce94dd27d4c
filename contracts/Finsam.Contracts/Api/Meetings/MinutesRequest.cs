namespace Finsam.Contracts.Api.Meetings;

public sealed record MinutesRequest(string? Notes, IReadOnlyList<string?>? Decisions, IReadOnlyList<ActionRequest?>? Actions, DateTimeOffset? NextMeetingAt);
