namespace Finsam.Contracts.Api.Residents;

/// <summary>
/// The ID token the e-legitimation broker gave the client that signed the person in (the web, or an app). The gateway
/// checks it, turns the identity number in it into the personRef and forgets the number (docs/adr/0028).
/// </summary>
public sealed record ResidentTokenRequest(string IdToken);

/// <summary>A Finsam token for the resident: its subject is the personRef; no identity number is in it or in this answer.</summary>
public sealed record ResidentTokenResponse(string AccessToken, int ExpiresIn, string PersonRef, string Name, string TokenType = "Bearer");
