namespace Finsam.Contracts.Api.Meetings;

public sealed record ParticipantView(string Party, string UnitId, string? UserId, bool Covered);
