using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.ServiceDefaults.Sections;

/// <summary>Where a party's service reads the categories it holds about a person, from its own systems.</summary>
public interface ISectionSource
{
    Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken);
}

public static class SectionEndpoint
{
    /// <summary>Registers the party's section source, keyed by party, so that one process can host several.</summary>
    public static IServiceCollection AddSectionSource<TSource>(this IServiceCollection services, string party)
        where TSource : class, ISectionSource =>
        services.AddKeyedScoped<ISectionSource, TSource>(party);

    /// <summary>
    /// <c>GET {group}/persons/{personRef}/sections</c>: the sections the gateway's grant names, for the person
    /// it names, for coordination (a shared view) or under emergency access (docs/adr/0025). Anything the grant does
    /// not list is not read at all.
    /// </summary>
    public static RouteHandlerBuilder MapSections(this RouteGroupBuilder group, string party) =>
        group.MapGet("/persons/{personRef}/sections", async Task<Results<Ok<IReadOnlyList<PersonSection>>, ProblemHttpResult>> (
                string personRef, Grant grant, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (grant.PersonRef != personRef || grant.Purpose is not (Purposes.Coordination or Purposes.Emergency))
                {
                    return Problems.Forbidden("Anropet gäller en annan person eller ett annat ändamål än samordning eller nödöppning.");
                }

                var categories = SectionCatalogue.ByParty[party].Where(grant.Covers).ToList();
                context.DiscloseNothing();
                if (categories.Count == 0)
                {
                    return TypedResults.Ok<IReadOnlyList<PersonSection>>([]);
                }

                var source = context.RequestServices.GetRequiredKeyedService<ISectionSource>(party);
                var sections = (await source.ReadAsync(personRef, categories, cancellationToken)).Where(s => categories.Contains(s.Category)).ToList();
                // One disclosure per section, so the log says which category each view showed.
                foreach (var section in sections)
                {
                    context.Disclose(new Disclosure(personRef, party, [section.Category], grant.Purpose, grant.ConsentId));
                }

                return TypedResults.Ok<IReadOnlyList<PersonSection>>(sections);
            })
            .WithSummary("The person's data in the categories the grant names, for a shared view");
}
