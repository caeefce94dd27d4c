using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.ServiceDefaults.Relations;

/// <summary>
/// Whether a member of staff's unit has a relation with a person that it did not make itself: the person is
/// registered at AF, has a case at FK, a care contact, an IPS case, a social-assistance case, or the unit was invited
/// to a meeting about them (docs/adr/0027). The basis says which; null is no relation.
/// </summary>
public interface IRelationSource
{
    Task<string?> RelationAsync(Actor actor, string personRef, CancellationToken cancellationToken);
}

/// <summary>A service's answer: the relation's basis (e.g. <c>af-registration</c>), or none.</summary>
public sealed record RelationAnswer(bool Related, string? Basis);

public static class RelationEndpoint
{
    /// <summary>Registers a service's relation source under <paramref name="key"/> (its party, or the service's name).</summary>
    public static IServiceCollection AddRelationSource<TSource>(this IServiceCollection services, string key)
        where TSource : class, IRelationSource =>
        services.AddKeyedScoped<IRelationSource, TSource>(key);

    /// <summary>
    /// <c>GET {group}/relations/{personRef}</c>, for the person the gateway's grant names: what the caller's own unit
    /// has with them. It tells the caller only of their own unit's records, so it discloses nothing.
    /// </summary>
    public static RouteHandlerBuilder MapRelations(this RouteGroupBuilder group, string key) =>
        group.MapGet("/relations/{personRef}", async Task<Results<Ok<RelationAnswer>, ProblemHttpResult>> (
                string personRef, Grant grant, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (grant.PersonRef != personRef)
                {
                    return Problems.Forbidden("Anropet gäller en annan person.");
                }

                var basis = await context.RequestServices.GetRequiredKeyedService<IRelationSource>(key).RelationAsync(grant.Actor, personRef, cancellationToken);
                return TypedResults.Ok(new RelationAnswer(basis is not null, basis));
            })
            .DisclosesNothing()
            .WithSummary("Whether the caller's unit has a relation with the person that it did not make itself");
}
