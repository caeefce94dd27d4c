using Finsam.Agencies.Simulation;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.Testing.Agencies;
using Microsoft.Extensions.Options;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>
/// The FK simulator on the common suite: sick spells with sjukpenning periods, aktivitetsersättning decided period
/// by period, sjukersättning until further notice, and about a third who get nothing from FK.
/// </summary>
public sealed class SimulatedForsakringskassanTests : AgencySimulatorTests<SimulatedForsakringskassan, FkBenefit>
{
    private static readonly string[] Benefits = ["sjukpenning", "aktivitetsersättning", "sjukersättning"];

    private static readonly int[] Extents = [25, 50, 75, 100];

    /// <summary>A person on sjukpenning today whose period has at least <paramref name="daysLeft"/> more days.</summary>
    internal static (string PersonRef, FkBenefit Benefit) OnSjukpenning(int daysLeft = 2) =>
        People(500).Select(p => (p, b: SimulatedForsakringskassan.TimelineOn(p, Today)))
            .Where(x => x.b is { Benefit: "sjukpenning", To: { } to } && to.DayNumber - Today.DayNumber >= daysLeft)
            .Select(x => (x.p, x.b!))
            .First();

    protected override int CycleDays => 730; // a sick spell every two years

    protected override (FkBenefit Demo, FkBenefit? Recorded) DemoAndRecorded =>
        (new FkBenefit("aktivitetsersättning", 50, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), null, "Jonas Berglund"), null);

    protected override SimulatedForsakringskassan Simulator(TimeProvider clock, AgencySimulatorOptions<FkBenefit> options) =>
        new(Options.Create(options), clock);

    protected override FkBenefit? TimelineOn(string personRef, DateOnly day) => SimulatedForsakringskassan.TimelineOn(personRef, day);

    /// <summary>Today and the next two days, still in the sjukpenning period.</summary>
    protected override (string PersonRef, DateOnly FirstDay, FkBenefit? Answer) QuietStretch()
    {
        var (personRef, benefit) = OnSjukpenning(daysLeft: 2);
        return (personRef, Today, benefit);
    }

    /// <summary>The last day of a sjukpenning period.</summary>
    protected override (string PersonRef, DateOnly DayBefore) Transition()
    {
        var (personRef, benefit) = OnSjukpenning();
        return (personRef, benefit.To!.Value);
    }

    protected override void AssertTransition(FkBenefit? before, FkBenefit? after, DateOnly day)
    {
        Assert.True(before is { Benefit: "sjukpenning" } && before.To == day.AddDays(-1), $"On sjukpenning until the day before: {before}");
        Assert.NotEqual(before, after);
        Assert.True(after is null || after.From == day, $"The next state {after} starts the day after {before.To}.");
    }

    protected override bool IsTransition(FkBenefit? previous, FkBenefit? current, DateOnly day) =>
        current?.From == day || previous?.To == day.AddDays(-1);

    protected override void AssertRealistic(IReadOnlyList<FkBenefit?> answers)
    {
        Assert.Contains(answers, a => a is null);
        Assert.All(answers.OfType<FkBenefit>(), a =>
        {
            Assert.Contains(a.Benefit, Benefits);
            Assert.Contains(a.ExtentPercent, Extents);
            Assert.True(a.From <= Today && (a.To is null || a.To >= Today), $"{a} is current on {Today}.");
            Assert.Equal(a.Benefit == "sjukersättning", a.To is null);
            Assert.False(string.IsNullOrWhiteSpace(a.OfficerName));
        });
        foreach (var benefit in Benefits)
        {
            Assert.Contains(answers, a => a?.Benefit == benefit);
        }

        Assert.Contains(answers, a => a?.RehabilitationPlanDate is not null);
    }
}
