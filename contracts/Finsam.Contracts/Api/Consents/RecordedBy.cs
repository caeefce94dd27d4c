namespace Finsam.Contracts.Api.Consents;

public sealed record RecordedBy(string UserId, string Role, string Party, string? UnitId)
{
    public static RecordedBy Of(Sharing.Actor actor) => new(actor.UserId, actor.Role, actor.Party, actor.UnitId);
}
