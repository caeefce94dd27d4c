namespace Finsam.Contracts.Api.Meetings;

public sealed record MinutesRequest(string? Notes, IReadOnlyList<string?>? Decisions = null, IReadOnlyList<ActionRequest?>? Actions = null, DateTimeOffset? NextMeetingAt = null);
