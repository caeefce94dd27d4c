namespace Finsam.Contracts.Api.Dev;

public sealed record DevTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
