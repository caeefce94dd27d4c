using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Sections;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>Translates what FK's system says into the <c>fk.benefits</c> section.</summary>
public sealed class FkSections(IForsakringskassanSystem fk, TimeProvider clock) : ISectionSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var benefit = await fk.FindAsync(personRef, cancellationToken);
        var data = benefit is null
            ? new JsonObject { ["benefit"] = null }
            : JsonSerializer.SerializeToNode(benefit, Json)!.AsObject();
        data["asOf"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return [new PersonSection(DataCategories.FkBenefits, data)];
    }
}
