using Finsam.Agencies.Systems;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Relations;

namespace Finsam.Agencies.Relations;

/// <summary>An agency's relation: its own system knows the person (registered at AF, a benefit case at FK).</summary>
public sealed class AgencyRelations<TService, TRecord>(IAgencySystem<TRecord> system, IAgencyWording<TRecord> wording) : IRelationSource
    where TService : IAgencyService
    where TRecord : class
{
    public async Task<string?> RelationAsync(Actor actor, string personRef, CancellationToken cancellationToken) =>
        await system.FindAsync(personRef, cancellationToken) is { } record && wording.Knows(record) ? $"{TService.Name}-record" : null;
}
