namespace Finsam.Contracts.Api.Dev;

/// <summary>
/// A development identity's user, as the sign-in screen lists them (GET /dev/users): staff with their party and unit,
/// and residents (role <c>resident</c>), who have neither.
/// </summary>
public sealed record DevUser(string UserId, string Name, string Role, string? Party, string? UnitId, string? UnitName);
