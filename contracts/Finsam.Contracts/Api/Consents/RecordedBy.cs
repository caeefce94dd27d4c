namespace Finsam.Contracts.Api.Consents;

public sealed record RecordedBy(string UserId, string Role, string Party, string? UnitId);
