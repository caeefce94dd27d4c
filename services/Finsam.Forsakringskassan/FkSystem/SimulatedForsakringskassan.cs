using Finsam.Agencies.Simulation;
using Microsoft.Extensions.Options;

namespace Finsam.Forsakringskassan.FkSystem;

/// <summary>
/// A SIMULATOR of FK's systems for the embedded default and tests, not FK. Deterministic per personRef and
/// anchored to fixed dates (<see cref="SimulatedTimeline"/>): what it says is a function of the person and the
/// Swedish date, and changes only at the timeline's own transitions. About a third get nothing from FK. Of the
/// rest, most have sick spells (sjukpenning at 25/50/75/100 %, often with a rehabilitation plan date, sometimes
/// stepped down to a lower extent before it ends, then nothing until the next spell), some have
/// aktivitetsersättning (the young) decided period by period, and some sjukersättning until further notice.
/// Each has a named officer.
/// </summary>
public sealed class SimulatedForsakringskassan(IOptions<AgencySimulatorOptions<FkBenefit>> options, TimeProvider clock)
    : SimulatedAgencySystem<FkBenefit>(options, clock)
{
    private const string Agency = "fk";

    /// <summary>A sick spell begins every two years (each spell is over well before the next).</summary>
    private const int SickSpellCycleDays = 730;

    /// <summary>Aktivitetsersättning is decided for periods of up to three years; here two, renewed one after another.</summary>
    private const int ActivityCompensationPeriodDays = 730;

    private static readonly int[] Extents = [25, 50, 75, 100];
    private static readonly string[] Officers = ["Eva Karlsson", "Jonas Berglund", "Fatima Yusuf"];

    protected override FkBenefit? Simulate(string personRef, DateOnly day) => TimelineOn(personRef, day);

    /// <summary>What the simulated timeline says about the person on a Swedish date (no demo data, no decisions).</summary>
    public static FkBenefit? TimelineOn(string personRef, DateOnly date)
    {
        var person = SimulatedTimeline.Seed(Agency, personRef);
        if (person[0] % 3 == 0)
        {
            return null; // never anything from FK
        }

        var officer = Officers[person[1] % Officers.Length];
        switch (person[2] % 10)
        {
            case >= 8:
            {
                // Sjukersättning: decided before the timeline's first anchors, until further notice.
                return new FkBenefit("sjukersättning", Extents[person[3] % Extents.Length], SimulatedTimeline.Epoch.AddDays(-(60 + (person[4] * 4))), null, null, officer);
            }

            case >= 6:
            {
                // Aktivitetsersättning, one decided period after the other, each with its own extent.
                var period = SimulatedTimeline.EpisodeOn(Agency, personRef, date, ActivityCompensationPeriodDays);
                return new FkBenefit("aktivitetsersättning", Extents[period.Byte(0) % Extents.Length], period.Start, period.End, null, officer);
            }

            default:
                return SickSpellOn(SimulatedTimeline.EpisodeOn(Agency, personRef, date, SickSpellCycleDays), date, officer);
        }
    }

    private static FkBenefit? SickSpellOn(SimulatedEpisode spell, DateOnly date, string officer)
    {
        var day = spell.DayOf(date);
        var extent = Extents[spell.Byte(0) % Extents.Length];
        var firstPeriodDays = 90 + spell.Byte(1); // 90–345 days at the first extent
        // The employer's plan for return to work, due within 30 days when the sickness is expected to last longer than 60.
        DateOnly? plan = spell.Byte(2) % 3 != 0 ? spell.Start.AddDays(30 + (spell.Byte(3) % 30)) : null;
        if (day < firstPeriodDays)
        {
            return new FkBenefit("sjukpenning", extent, spell.Start, spell.Start.AddDays(firstPeriodDays - 1), plan, officer);
        }

        // Some return part-time first: a lower extent for a while.
        var steppedDownDays = extent > 25 && spell.Byte(4) % 2 == 0 ? 30 + (spell.Byte(5) % 60) : 0;
        if (day < firstPeriodDays + steppedDownDays)
        {
            return new FkBenefit("sjukpenning", extent - 25, spell.Start.AddDays(firstPeriodDays), spell.Start.AddDays(firstPeriodDays + steppedDownDays - 1), plan, officer);
        }

        return null; // back at work until the next spell
    }
}
