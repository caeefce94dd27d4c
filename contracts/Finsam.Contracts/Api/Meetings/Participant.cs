using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Api.Meetings;

public sealed record Participant(string Party, string UnitId, string? UserId)
{
    /// <summary>A participant is a unit (and, when named, one person in it).</summary>
    public bool Includes(Actor actor) => actor.Party == Party && actor.UnitId == UnitId && (UserId is null || UserId == actor.UserId);
}
