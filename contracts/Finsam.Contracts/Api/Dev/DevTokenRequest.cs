namespace Finsam.Contracts.Api.Dev;

/// <summary>
/// A token for a demo user by <see cref="UserId"/>, or, standing in for e-legitimation in the embedded default, for
/// the resident with this <see cref="Personnummer"/> (in the body, never a URL), as a test BankID signs in any test number.
/// </summary>
public sealed record DevTokenRequest(string? UserId, string? Personnummer = null);
