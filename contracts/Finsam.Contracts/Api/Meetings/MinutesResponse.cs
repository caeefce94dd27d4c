namespace Finsam.Contracts.Api.Meetings;

/// <summary>Only what the caller just wrote, with the new action items' ids: no one else's notes ride along.</summary>
public sealed record MinutesResponse(Guid MeetingId, IReadOnlyList<ActionItem> Actions);
