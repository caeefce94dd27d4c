namespace Finsam.Contracts.Api.Meetings;

public sealed record ParticipantRequest(string? Party, string? UnitId, string? UserId = null);
