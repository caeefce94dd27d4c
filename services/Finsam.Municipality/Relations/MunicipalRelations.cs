using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Sections;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Relations;

namespace Finsam.Municipality.Relations;

/// <summary>
/// The municipality's relations: an IPS case at the caller's unit (from a referral), or, for social services, a
/// social-assistance case with the person.
/// </summary>
public sealed class MunicipalRelations(ServiceDatabase<MunicipalityService> database, ISocialAssistanceSystem assistance) : IRelationSource
{
    public async Task<string?> RelationAsync(Actor actor, string personRef, CancellationToken cancellationToken)
    {
        if (actor.Role == Roles.SocialWorker)
        {
            var record = await assistance.ReadAsync(personRef, cancellationToken);
            return record["forsorjningsstod"]?.GetValue<bool>() == true ? "assistance-case" : null;
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var cases = await session.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM ips_cases WHERE person_ref = @PersonRef AND unit_id = @UnitId", new { PersonRef = personRef, actor.UnitId });
        return cases > 0 ? "ips-case" : null;
    }
}
