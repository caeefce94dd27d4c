using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;

namespace Finsam.Contracts.Consents;

/// <summary>
/// The provisions nobody at the source confirmed (issue 14, item 5): a consent recorded by a member of staff that
/// lets their own party receive information that is sensitive at another party. The source never saw the person
/// agree, so such a consent is flagged for the auditors, with the views that follow it.
/// </summary>
public static class SensitiveProvisions
{
    /// <summary>Sensitive at their source: health care's, the municipality's assistance, FK's benefits, AF's registration.</summary>
    public static IReadOnlyList<string> SensitiveAtSource { get; } =
    [
        DataCategories.HealthContact, DataCategories.HealthWorkCapacity, DataCategories.HealthDiagnosis,
        DataCategories.MunicipalAssistance, DataCategories.FkBenefits, DataCategories.AfRegistration,
    ];

    /// <summary>The party whose records a category comes from, or null for what every party holds (contact, referral, meeting).</summary>
    public static string? SourceOf(string category) =>
        SectionCatalogue.ByParty.Where(p => p.Value.Contains(category)).Select(p => p.Key).FirstOrDefault();

    /// <summary>The sensitive categories of another source that the provisions let <paramref name="recorderParty"/> itself receive.</summary>
    public static IReadOnlyList<string> ToRecordersParty(string recorderParty, IEnumerable<ConsentProvision> provisions) =>
        [.. provisions.Where(p => p.ToParty == recorderParty)
            .SelectMany(p => p.Categories)
            .Where(c => SensitiveAtSource.Contains(c) && SourceOf(c) != recorderParty)
            .Distinct()];
}
