namespace Finsam.Contracts.Api.Meetings;

public sealed record SharedView(Guid MeetingId, string PersonRef, DateTimeOffset GeneratedAt, IReadOnlyList<SharedViewSection> Sections);
