using System.Globalization;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Cases;
using Finsam.Municipality.Ips.Enrolment;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Organization;

namespace Finsam.Municipality.Ips.Fidelity;

/// <summary>
/// Scores Finsam can suggest from the unit's own records, for the reviewers to accept or change: caseload (item 1),
/// zero exclusion (item 9, from referrals declined) and rapid job search (item 15, days from intake to the first
/// employer contact). The anchors are IPS-25's where the scale gives numbers; item 9's are Finsam's reading of
/// "no one is excluded", and the basis says so. Items the records cannot show (such as time-unlimited support,
/// item 23, which needs the reviewers' judgement of why cases ended) get no suggestion.
/// </summary>
public sealed class FidelitySuggestions(FinsamDirectory directory)
{
    public const int CaseloadItem = 1;
    public const int ZeroExclusionItem = 9;
    public const int RapidSearchItem = 15;

    public async Task<IReadOnlyList<FidelitySuggestion>> ForUnitAsync(DbSession session, string unitId)
    {
        var suggestions = new List<FidelitySuggestion>();
        var coaches = directory.Staff.Count(s => s.UnitId == unitId && s.Role == Roles.Coach);
        var open = (await Reviews.OpenCasesByCoachAsync(session, unitId)).Values.Sum();
        if (coaches > 0)
        {
            var perCoach = (double)open / coaches;
            suggestions.Add(Suggest(CaseloadItem, CaseloadScore(perCoach),
                $"{open} pågående ärenden på {coaches} coacher, {perCoach.ToString("0.#", Swedish)} per coach (5 poäng: högst 20)."));
        }

        var cases = await CaseStore.ForUnitAsync(session, unitId);
        var decided = cases.Count(c => c.Status != CaseStatus.Queued);
        if (decided > 0)
        {
            var declined = cases.Count(c => c.Status == CaseStatus.Declined);
            suggestions.Add(Suggest(ZeroExclusionItem, ZeroExclusionScore((double)declined / decided),
                $"{declined} av {decided} mottagna remisser och anmälningar avböjdes (Finsams förslag: 5 poäng när ingen avböjs)."));
        }

        var days = (await EnrolmentStore.FirstEmployerContactsAsync(session, unitId)).Values
            .Select(f => EnrolmentEndpoints.DaysBetween(f.Intake, f.Contact)).OfType<int>().Order().ToList();
        if (days.Count > 0)
        {
            var median = Median(days);
            suggestions.Add(Suggest(RapidSearchItem, RapidSearchScore(median),
                $"Median {median.ToString("0.#", Swedish)} dagar från inskrivning till första arbetsgivarkontakt för {days.Count} deltagare (5 poäng: inom 30 dagar)."));
        }

        return suggestions;
    }

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static FidelitySuggestion Suggest(int item, int score, string basis) => new(item, FidelityScale.ItemNames[item - 1], score, basis);

    /// <summary>IPS-25 item 1: 20 or fewer per coach is 5, 21–25 is 4, 26–30 is 3, 31–40 is 2, 41 or more is 1.</summary>
    public static int CaseloadScore(double perCoach) => perCoach switch
    {
        <= 20 => 5,
        <= 25 => 4,
        <= 30 => 3,
        <= 40 => 2,
        _ => 1,
    };

    /// <summary>Item 9 from the share of referrals declined: none is 5, up to 5 % is 4, 15 % is 3, 30 % is 2, more is 1.</summary>
    public static int ZeroExclusionScore(double declinedShare) => declinedShare switch
    {
        0 => 5,
        <= 0.05 => 4,
        <= 0.15 => 3,
        <= 0.30 => 2,
        _ => 1,
    };

    /// <summary>IPS-25 item 15: within 30 days is 5, 31–60 is 4, 61–150 is 3, 151–270 is 2, 271 or more is 1.</summary>
    public static int RapidSearchScore(double days) => days switch
    {
        <= 30 => 5,
        <= 60 => 4,
        <= 150 => 3,
        <= 270 => 2,
        _ => 1,
    };

    private static double Median(List<int> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
}
