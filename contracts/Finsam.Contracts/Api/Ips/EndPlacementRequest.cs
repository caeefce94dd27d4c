namespace Finsam.Contracts.Api.Ips;

public sealed record EndPlacementRequest(string? To);
