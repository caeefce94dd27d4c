using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Relations;

namespace Finsam.Coordination.Relations;

/// <summary>A relation from coordination: another unit invited the caller's unit to a meeting about the person.</summary>
public sealed class MeetingRelations(ServiceDatabase<CoordinationService> database) : IRelationSource
{
    public async Task<string?> RelationAsync(Actor actor, string personRef, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var invited = await session.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM meetings m JOIN meeting_participants p ON p.meeting_id = m.meeting_id
            WHERE m.person_ref = @PersonRef AND p.party = @Party AND p.unit_id = @UnitId
              AND (m.created_by_unit IS NULL OR m.created_by_unit <> @UnitId)
            """, new { PersonRef = personRef, actor.Party, actor.UnitId });
        return invited > 0 ? "invited-to-meeting" : null;
    }
}
