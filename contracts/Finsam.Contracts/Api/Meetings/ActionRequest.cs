namespace Finsam.Contracts.Api.Meetings;

public sealed record ActionRequest(string? OwnerParty, string? Description, string? Due, string? OwnerUnitId = null);
