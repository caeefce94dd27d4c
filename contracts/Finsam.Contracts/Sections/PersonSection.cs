using System.Text.Json.Nodes;

namespace Finsam.Contracts.Sections;

/// <summary>
/// One category of a person's data as a party's service answers it for a shared view. A service returns
/// sections only for the categories its grant names.
/// </summary>
public sealed record PersonSection(string Category, JsonObject? Data);

/// <summary>Which categories each party holds: the sections a shared view asks every party for.</summary>
public static class SectionCatalogue
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByParty { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Codes.Parties.Municipality] = [Codes.DataCategories.IpsPlan, Codes.DataCategories.IpsEmployment, Codes.DataCategories.MunicipalAssistance],
        [Codes.Parties.HealthCare] = [Codes.DataCategories.HealthContact, Codes.DataCategories.HealthWorkCapacity, Codes.DataCategories.HealthDiagnosis],
        [Codes.Parties.Arbetsformedlingen] = [Codes.DataCategories.AfRegistration],
        [Codes.Parties.Forsakringskassan] = [Codes.DataCategories.FkBenefits],
    };

    /// <summary>The service that answers for a party.</summary>
    public static string ServiceOf(string party) => party switch
    {
        Codes.Parties.Municipality => "municipality",
        Codes.Parties.HealthCare => "healthcare",
        Codes.Parties.Arbetsformedlingen => "arbetsformedlingen",
        Codes.Parties.Forsakringskassan => "forsakringskassan",
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Not a party."),
    };
}
