namespace Finsam.Contracts.Api.Meetings;

public sealed record Participation(Guid MeetingId, string PersonRef);
