namespace Finsam.Contracts.Api.Dev;

public sealed record DevTokenRequest(string? UserId);
