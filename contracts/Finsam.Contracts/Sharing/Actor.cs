namespace Finsam.Contracts.Sharing;

/// <summary>Who acted: a person signed in through the gateway, or a service acting on its own.</summary>
public sealed record Actor(string UserId, string Role, string Party, string? UnitId)
{
    public static Actor System(string party, string? unitId = null) =>
        new($"system:{party}", Codes.Roles.System, party, unitId);
}
