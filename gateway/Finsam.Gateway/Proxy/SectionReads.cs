using System.Text.Json.Nodes;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Disclosures;

namespace Finsam.Gateway.Proxy;

/// <summary>A section a source returned and declared it discloses: the data, and the declaration its view record is made from.</summary>
public sealed record ReadSection(JsonObject? Data, Disclosure Shown);

/// <summary>
/// Reads a person's sections from one party's service under a grant that names only what may be read, for the shared
/// view and for emergency access alike. Only what the source declared it discloses counts as read; whatever fails
/// (refused, timed out, open circuit, bad answer) reads as nothing, so the caller shows it as unavailable.
/// </summary>
public static class SectionReads
{
    public static async Task<IReadOnlyDictionary<string, ReadSection>> ReadAsync(
        ServiceApis services, GrantScope scope, string party, CancellationToken deadline, CancellationToken request)
    {
        var answered = new Dictionary<string, ReadSection>();
        if (scope.Categories is not { Count: > 0 } || scope.PersonRef is not { } personRef)
        {
            return answered;
        }

        var service = SectionCatalogue.ServiceOf(party);
        try
        {
            var response = await services.ReadSectionsAsync(service, $"{service}/persons/{personRef}/sections", scope, deadline);
            var declared = response.Disclosures?.Where(d => d.PersonRef == personRef && d.SourceParty == party).ToList() ?? [];
            foreach (var section in (response.IsSuccess ? response.ReadAs<List<PersonSection>>() : null) ?? [])
            {
                if (declared.FirstOrDefault(d => d.Categories.Contains(section.Category)) is { } shown)
                {
                    answered[section.Category] = new ReadSection(section.Data, shown with { Categories = [section.Category] });
                }
            }
        }
        catch (Exception) when (!request.IsCancellationRequested)
        {
            // Unavailable, and the rest still returns.
        }

        return answered;
    }
}
