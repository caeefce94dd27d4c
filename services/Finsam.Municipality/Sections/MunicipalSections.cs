using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.Placements;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Sections;

namespace Finsam.Municipality.Sections;

/// <summary>The port to the municipality's social-assistance system (ekonomiskt bistånd).</summary>
public interface ISocialAssistanceSystem
{
    Task<JsonObject> ReadAsync(string personRef, CancellationToken cancellationToken);
}

/// <summary>
/// A SIMULATOR of the social-assistance case system for the embedded default and tests. Deterministic per
/// personRef: about half receive försörjningsstöd, for a monthly period, usually with an activity requirement.
/// </summary>
public sealed class SimulatedSocialAssistance(TimeProvider clock) : ISocialAssistanceSystem
{
    public Task<JsonObject> ReadAsync(string personRef, CancellationToken cancellationToken)
    {
        var seed = SHA256.HashData(Encoding.ASCII.GetBytes("assistance:" + personRef));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        return Task.FromResult(seed[0] % 2 == 0
            ? new JsonObject
            {
                ["forsorjningsstod"] = true,
                ["periodFrom"] = month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["periodTo"] = month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["activityRequirement"] = seed[1] % 4 != 0,
            }
            : new JsonObject { ["forsorjningsstod"] = false });
    }
}

/// <summary>
/// The municipality's sections: the IPS plan from the person's latest case, the placements coaches recorded on
/// any of the person's cases (newest first, so a reopened person's history stays whole), and social assistance
/// from the assistance system.
/// </summary>
public sealed class MunicipalSections(
    ServiceDatabase<MunicipalityService> database, ISocialAssistanceSystem assistance, FinsamDirectory directory, TimeProvider clock) : ISectionSource
{
    public async Task<IReadOnlyList<PersonSection>> ReadAsync(string personRef, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var sections = new List<PersonSection>();
        foreach (var category in categories)
        {
            sections.Add(new PersonSection(category, category switch
            {
                DataCategories.IpsPlan => await IpsPlanAsync(personRef, cancellationToken),
                DataCategories.IpsEmployment => await EmploymentAsync(personRef, cancellationToken),
                DataCategories.MunicipalAssistance => await assistance.ReadAsync(personRef, cancellationToken),
                _ => null,
            }));
        }

        return sections;
    }

    private async Task<JsonObject> EmploymentAsync(string personRef, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var placements = await PlacementStore.ForPersonAsync(session, personRef);
        var today = SwedishTime.Today(clock);
        return new JsonObject
        {
            ["placements"] = new JsonArray([.. placements.Select(p => (JsonNode)new JsonObject
            {
                ["type"] = p.Type,
                ["employer"] = p.Employer,
                ["extentPercent"] = p.ExtentPercent,
                ["from"] = CalendarDates.Text(p.From),
                ["to"] = p.To is { } to ? CalendarDates.Text(to) : null,
                ["ongoing"] = p.IsOngoingOn(today),
            })]),
        };
    }

    private async Task<JsonObject> IpsPlanAsync(string personRef, CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var latest = await CaseStore.LatestForPersonAsync(session, personRef);
        return latest is null
            ? new JsonObject { ["inIps"] = false }
            : new JsonObject
            {
                ["inIps"] = true,
                ["status"] = latest.Status,
                ["since"] = latest.StatusSince,
                ["unit"] = directory.FindUnit(latest.UnitId)?.Name ?? latest.UnitId,
                ["coach"] = directory.FindStaff(latest.CoachUserId)?.Name,
            };
    }
}
