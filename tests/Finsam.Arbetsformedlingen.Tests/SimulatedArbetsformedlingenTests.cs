using Finsam.Agencies.Simulation;
using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Testing.Agencies;
using Microsoft.Extensions.Options;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>
/// The AF simulator on the common suite: spells of job seeking, a lönebidrag decision some months into a quarter
/// of them, and a realistic mix of programmes, SIUS and aktivitetsstöd.
/// </summary>
public sealed class SimulatedArbetsformedlingenTests : AgencySimulatorTests<SimulatedArbetsformedlingen, AfJobSeeker>
{
    private static readonly string[] Programmes = ["Stöd och matchning", "Förberedande insatser", "Arbetsträning", "Jobb- och utvecklingsgarantin"];

    /// <summary>A person whose lönebidrag decision is in force today, and the decision.</summary>
    internal static (string PersonRef, WageSubsidy Decision) WithLonebidrag() =>
        People(500).Select(p => (p, w: SimulatedArbetsformedlingen.TimelineOn(p, Today).Lonebidrag))
            .Where(x => x.w is not null)
            .Select(x => (x.p, x.w!))
            .First();

    protected override int CycleDays => 1095; // a spell of job seeking every three years

    protected override (AfJobSeeker Demo, AfJobSeeker? Recorded) DemoAndRecorded
    {
        get
        {
            var demo = new AfJobSeeker(true, new DateOnly(2026, 3, 1), "Arbetsträning", false, true, null, new Officer("Ali Hassan", "010-486 15 51"));
            return (demo, demo with { Programme = "Stöd och matchning" });
        }
    }

    protected override SimulatedArbetsformedlingen Simulator(TimeProvider clock, AgencySimulatorOptions<AfJobSeeker> options) =>
        new(Options.Create(options), clock);

    protected override AfJobSeeker? TimelineOn(string personRef, DateOnly day) => SimulatedArbetsformedlingen.TimelineOn(personRef, day);

    /// <summary>Two days inside a lönebidrag employment: nothing starts or ends between them.</summary>
    protected override (string PersonRef, DateOnly FirstDay, AfJobSeeker? Answer) QuietStretch()
    {
        var (personRef, decision) = WithLonebidrag();
        var firstDay = decision.From.AddDays(1);
        var answer = SimulatedArbetsformedlingen.TimelineOn(personRef, firstDay);
        Assert.Equal(decision, answer.Lonebidrag);
        return (personRef, firstDay, answer);
    }

    /// <summary>The day before a lönebidrag decision is taken.</summary>
    protected override (string PersonRef, DateOnly DayBefore) Transition()
    {
        var (personRef, decision) = WithLonebidrag();
        return (personRef, decision.DecidedOn.AddDays(-1));
    }

    protected override void AssertTransition(AfJobSeeker? before, AfJobSeeker? after, DateOnly day)
    {
        Assert.True(before is { Registered: true, Lonebidrag: null }, $"Registered without lönebidrag the day before: {before}");
        Assert.NotNull(after?.Lonebidrag);
        Assert.Equal(day, after.Lonebidrag.DecidedOn);
        Assert.Equal(before with { Lonebidrag = after.Lonebidrag }, after);
    }

    protected override bool IsTransition(AfJobSeeker? previous, AfJobSeeker? current, DateOnly day) =>
        current is not { Registered: true } // left the register
        || current.RegisteredSince == day
        || current.Lonebidrag?.DecidedOn == day
        || current.Lonebidrag?.From == day
        || previous?.Lonebidrag?.To == day.AddDays(-1);

    protected override void AssertRealistic(IReadOnlyList<AfJobSeeker?> answers)
    {
        Assert.All(answers, a => Assert.NotNull(a)); // AF answers for everyone, "not registered" included
        Assert.Contains(answers, a => a is { Registered: false });
        Assert.All(answers.OfType<AfJobSeeker>().Where(a => a.Registered), a =>
        {
            Assert.Contains(a.Programme, Programmes);
            Assert.True(a.RegisteredSince <= Today);
            Assert.NotNull(a.Officer);
            if (a.Lonebidrag is { } w)
            {
                Assert.True(w.DecidedOn < w.From && w.From < w.To && w.DecidedOn <= Today && Today <= w.To, $"{w} is in force on {Today}.");
                Assert.InRange(w.PercentOfWage, 50, 80);
                Assert.False(a.Aktivitetsstod && Today >= w.From, "No aktivitetsstöd while employed with lönebidrag.");
            }
        });
        Assert.Contains(answers, a => a?.Programme == "Stöd och matchning");
        Assert.Contains(answers, a => a is { Sius: true });
        Assert.Contains(answers, a => a is { Aktivitetsstod: true });
        Assert.Contains(answers, a => a?.Lonebidrag is not null);
    }
}
