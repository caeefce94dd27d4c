using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sections;
using Finsam.Contracts.Sharing;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Relations;

namespace Finsam.Gateway.Consents;

/// <summary>
/// A consent that serves its recorder (it gives the recorder's own party another source's sensitive categories) is
/// recorded only for a person the recorder's unit has a relation with that it did not make itself (docs/adr/0027):
/// the unit's own party's service and coordination are asked, together. Any other consent needs none: it is what
/// makes a first referral or meeting lawful.
/// </summary>
public static class RelationCheck
{
    /// <summary>The denial's reason when a self-serving consent is refused.</summary>
    public const string NoRelation = "no-relation";

    private const string Coordination = "coordination";

    /// <summary>The sensitive categories of other sources the request would give the recorder's party (empty: no check).</summary>
    public static IReadOnlyList<string> SelfServing(Actor actor, RecordConsentRequest request) =>
        SensitiveProvisions.ToRecordersParty(actor.Party, (request.Provisions ?? [])
            .Where(p => p?.ToParty is not null && p.Categories is not null)
            .Select(p => new ConsentProvision(p!.ToParty!, p.ToUnitId, [.. p.Categories!.OfType<string>()])));

    /// <summary>Whether the actor's unit has a relation with the person, by any source's account.</summary>
    public static async Task<bool> HasRelationAsync(ServiceApis services, Actor actor, string personRef, CancellationToken cancellationToken)
    {
        var scope = new GrantScope(actor, Contracts.Codes.Purposes.Coordination, personRef);
        var answers = await Task.WhenAll(
            new[] { SectionCatalogue.ServiceOf(actor.Party), Coordination }.Select(service =>
                services.ReadAsync(service, $"{service}/relations/{personRef}", scope, cancellationToken)));
        return answers.Any(a => a.IsSuccess && a.ReadAs<RelationAnswer>() is { Related: true });
    }
}
