using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Sections;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>Translates what AF's system says into the <c>af.registration</c> section.</summary>
public sealed class AfSections(IArbetsformedlingenSystem af, TimeProvider clock) : ISectionSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var jobSeeker = await af.FindAsync(personRef, cancellationToken);
        var data = jobSeeker is null
            ? new JsonObject { ["registered"] = false }
            : JsonSerializer.SerializeToNode(jobSeeker, Json)!.AsObject();
        data["asOf"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return [new PersonSection(DataCategories.AfRegistration, data)];
    }
}
