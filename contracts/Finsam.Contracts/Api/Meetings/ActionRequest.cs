namespace Finsam.Contracts.Api.Meetings;

public sealed record ActionRequest(string? OwnerParty, string? OwnerUnitId, string? Description, string? Due);
