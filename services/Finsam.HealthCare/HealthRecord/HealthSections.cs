using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Sections;

namespace Finsam.HealthCare.HealthRecord;

/// <summary>The port to the region's record system (journal), from which health care's sections come.</summary>
public interface IHealthRecordSystem
{
    Task<JsonObject?> ReadAsync(string personRef, string category, CancellationToken cancellationToken);
}

/// <summary>
/// A SIMULATOR of the region's record system for the embedded default and tests. Deterministic per personRef:
/// most have an active psychiatric care contact, with work-related limitations and recommended adjustments;
/// the diagnosis group is there, and leaves only under a consent that names <c>health.diagnosis</c>.
/// </summary>
public sealed class SimulatedHealthRecord : IHealthRecordSystem
{
    private static readonly string[][] Limitations =
    [
        ["Nedsatt uthållighet", "Koncentrationssvårigheter vid stress"],
        ["Svårt med oförutsägbara situationer", "Sömnproblem påverkar morgnar"],
        ["Social oro i större grupper"],
    ];

    private static readonly string[][] Adjustments =
    [
        ["Deltid, 50 % till att börja med", "Tydlig struktur och skriftliga instruktioner"],
        ["Start efter kl. 10", "En fast kontaktperson på arbetsplatsen"],
        ["Mindre arbetsgrupp", "Möjlighet till korta pauser"],
    ];

    private static readonly string[] DiagnosisGroups = ["F32 Depressiv episod", "F41 Andra ångestsyndrom", "F20 Schizofreni", "F31 Bipolär sjukdom"];

    public Task<JsonObject?> ReadAsync(string personRef, string category, CancellationToken cancellationToken)
    {
        var seed = SHA256.HashData(Encoding.ASCII.GetBytes("health:" + personRef));
        JsonObject? data = category switch
        {
            DataCategories.HealthContact => new JsonObject
            {
                ["activeCareContact"] = seed[0] % 5 != 0,
                ["responsibleUnit"] = "Region Gävleborg, Psykiatrin Hälsingland",
                ["contactPerson"] = "Anna Lind, sjuksköterska",
            },
            DataCategories.HealthWorkCapacity => new JsonObject
            {
                ["limitations"] = new JsonArray([.. Limitations[seed[1] % Limitations.Length].Select(l => JsonValue.Create(l))]),
                ["adjustments"] = new JsonArray([.. Adjustments[seed[2] % Adjustments.Length].Select(a => JsonValue.Create(a))]),
            },
            DataCategories.HealthDiagnosis => new JsonObject { ["group"] = DiagnosisGroups[seed[3] % DiagnosisGroups.Length] },
            _ => null,
        };
        return Task.FromResult(data);
    }
}

public sealed class HealthSections(IHealthRecordSystem record) : ISectionSource
{
    public async Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var sections = new List<PersonSection>();
        foreach (var category in categories)
        {
            sections.Add(new PersonSection(category, await record.ReadAsync(personRef, category, cancellationToken)));
        }

        return sections;
    }
}
