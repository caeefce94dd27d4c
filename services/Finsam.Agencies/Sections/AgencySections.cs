using System.Globalization;
using System.Text.Json;
using Finsam.Agencies.Systems;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Sections;

namespace Finsam.Agencies.Sections;

/// <summary>
/// The agency's section of a shared view: its record of the person as it is, or its wording for "no record",
/// stamped with when it was asked. The section endpoint (ServiceDefaults' <c>MapSections</c>) checks the grant,
/// reads only granted categories and declares the disclosure.
/// </summary>
public sealed class AgencySections<TService, TRecord>(IAgencySystem<TRecord> system, IAgencyWording<TRecord> wording, TimeProvider clock) : ISectionSource
    where TService : IAgencyService
    where TRecord : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var record = await system.FindAsync(personRef, cancellationToken);
        var data = record is null ? wording.NoRecord() : JsonSerializer.SerializeToNode(record, Json)!.AsObject();
        data["asOf"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return [new PersonSection(TService.Category, data)];
    }
}
