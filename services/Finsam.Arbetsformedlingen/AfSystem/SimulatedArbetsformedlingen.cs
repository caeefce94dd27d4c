using Finsam.Agencies.Simulation;
using Microsoft.Extensions.Options;

namespace Finsam.Arbetsformedlingen.AfSystem;

/// <summary>
/// A SIMULATOR of AF's systems for the embedded default and tests, not AF. It answers for every valid person,
/// deterministically from the personRef and anchored to fixed dates (<see cref="SimulatedTimeline"/>): what it
/// says is a function of the person and the Swedish date, and changes only at the timeline's own transitions.
/// About one in ten is never registered. The rest have spells of job seeking: registered from the spell's
/// start in a programme (Stöd och matchning and others), some with SIUS, most with aktivitetsstöd; a quarter
/// get a lönebidrag decision some months in, for a period of employment (aktivitetsstöd stops and SIUS often
/// starts with it); then the person leaves AF's register until the next spell. Each has a named officer.
/// </summary>
public sealed class SimulatedArbetsformedlingen(IOptions<AgencySimulatorOptions<AfJobSeeker>> options, TimeProvider clock)
    : SimulatedAgencySystem<AfJobSeeker>(options, clock)
{
    private const string Agency = "af";

    /// <summary>A spell of job seeking begins every three years (each ends before the next).</summary>
    private const int SpellCycleDays = 1095;

    private const string JobbOchUtvecklingsgarantin = "Jobb- och utvecklingsgarantin";

    private static readonly AfJobSeeker NotRegistered = new(false, null, null, false, false, null, null);
    private static readonly string[] Programmes = ["Stöd och matchning", "Förberedande insatser", "Arbetsträning", JobbOchUtvecklingsgarantin];
    private static readonly Officer[] Officers = [new("Per Andersson", "010-486 10 00"), new("Maja Lindqvist", "010-486 12 34"), new("Ali Hassan", "010-486 15 51")];

    protected override AfJobSeeker Simulate(string personRef, DateOnly day) => TimelineOn(personRef, day);

    /// <summary>What the simulated timeline says about the person on a Swedish date (no demo data, no recorded states).</summary>
    public static AfJobSeeker TimelineOn(string personRef, DateOnly date)
    {
        var person = SimulatedTimeline.Seed(Agency, personRef);
        if (person[0] % 10 == 0)
        {
            return NotRegistered;
        }

        var spell = SimulatedTimeline.EpisodeOn(Agency, personRef, date, SpellCycleDays);
        var withLonebidrag = spell.Byte(0) % 4 == 0;
        // A lönebidrag employment ends by day 880 of the spell at the latest, so its spell lasts past that.
        var registeredDays = withLonebidrag ? 940 + (spell.Byte(1) % 100) : 200 + (spell.Byte(1) * 3);
        if (spell.DayOf(date) >= registeredDays)
        {
            return NotRegistered; // left AF's register (work, studies, moved) until the next spell
        }

        WageSubsidy? lonebidrag = null;
        var employed = false;
        if (withLonebidrag)
        {
            var decidedOn = spell.Start.AddDays(60 + spell.Byte(3)); // after two to ten months of job seeking
            var from = decidedOn.AddDays(14 + (spell.Byte(4) % 30));
            var to = from.AddMonths(6 + (spell.Byte(5) % 12)).AddDays(-1);
            if (date >= decidedOn && date <= to)
            {
                lonebidrag = new WageSubsidy(decidedOn, from, to, 50 + (spell.Byte(6) % 4 * 10));
                employed = date >= from;
            }
        }

        var programme = Programmes[spell.Byte(2) % Programmes.Length];
        var sius = spell.Byte(7) % 3 == 0 || (employed && spell.Byte(7) % 3 == 1); // SIUS also supports a start at a workplace
        var aktivitetsstod = !employed && (programme != JobbOchUtvecklingsgarantin || spell.Byte(8) % 2 == 0);
        return new AfJobSeeker(true, spell.Start, programme, sius, aktivitetsstod, lonebidrag, Officers[person[1] % Officers.Length]);
    }
}
