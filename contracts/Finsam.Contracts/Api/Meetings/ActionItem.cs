namespace Finsam.Contracts.Api.Meetings;

public sealed record ActionItem(Guid ActionId, string OwnerParty, string? OwnerUnitId, string Description, string Due, DateTimeOffset? DoneAt, string? DoneBy);
