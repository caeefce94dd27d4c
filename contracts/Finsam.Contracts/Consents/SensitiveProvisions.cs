using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sections;

namespace Finsam.Contracts.Consents;

/// <summary>
/// The provisions nobody at the source confirmed (issue 14, item 5): a consent recorded by a member of staff that
/// lets their own party receive information that is sensitive at another party. The source never saw the person
/// agree, so such a consent is flagged for the auditors, with the views that follow it, and what it gives is held
/// back until the source or the person confirms (docs/adr/0024).
/// </summary>
public static class SensitiveProvisions
{
    /// <summary>Sensitive at their source: health care's, the municipality's assistance, FK's benefits, AF's registration.</summary>
    public static IReadOnlyList<string> SensitiveAtSource { get; } =
    [
        DataCategories.HealthContact, DataCategories.HealthWorkCapacity, DataCategories.HealthDiagnosis,
        DataCategories.MunicipalAssistance, DataCategories.FkBenefits, DataCategories.AfRegistration,
    ];

    /// <summary>
    /// Who at each source holds its sensitive records and so may confirm their disclosure: within the municipality
    /// social services, not the IPS unit (separate activities under secrecy, OSL 8:2).
    /// </summary>
    public static IReadOnlyDictionary<string, string> RecordHolderAt { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Parties.HealthCare] = Roles.Clinician, [Parties.Municipality] = Roles.SocialWorker,
        [Parties.Arbetsformedlingen] = Roles.AfOfficer, [Parties.Forsakringskassan] = Roles.FkOfficer,
    };

    /// <summary>The party whose records a category comes from, or null for what every party holds (contact, referral, meeting).</summary>
    public static string? SourceOf(string category) =>
        SectionCatalogue.ByParty.Where(p => p.Value.Contains(category)).Select(p => p.Key).FirstOrDefault();

    /// <summary>The sensitive categories of another source that the provisions let <paramref name="recorderParty"/> itself receive.</summary>
    public static IReadOnlyList<string> ToRecordersParty(string recorderParty, IEnumerable<ConsentProvision> provisions) =>
        [.. provisions.Where(p => p.ToParty == recorderParty)
            .SelectMany(p => p.Categories)
            .Where(c => SensitiveAtSource.Contains(c) && SourceOf(c) != recorderParty)
            .Distinct()];

    /// <summary>The confirmation that stands for the person: it releases every held-back provision at once.</summary>
    public const string ByPerson = Sharing.Actor.PersonParty;

    /// <summary>
    /// What the provisions hold back, per source: the recorder's own party's sensitive categories of each other
    /// source that has not confirmed. Nothing is held back once the person confirmed, or when the person recorded
    /// the consent themself (a resident, signed in).
    /// </summary>
    public static IReadOnlyList<AwaitingConfirmation> HeldBack(
        string recorderParty, string recorderRole, IEnumerable<ConsentProvision> provisions, IReadOnlyCollection<string> confirmedSources) =>
        recorderRole == Roles.Resident || confirmedSources.Contains(ByPerson) ? [] :
        [.. ToRecordersParty(recorderParty, provisions)
            .GroupBy(c => SourceOf(c)!)
            .Where(g => !confirmedSources.Contains(g.Key))
            .Select(g => new AwaitingConfirmation(g.Key, [.. g]))];
}
