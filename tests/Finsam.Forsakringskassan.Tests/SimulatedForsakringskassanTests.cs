using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>
/// The FK simulator's people live on timelines anchored to fixed dates: the answer is a function of the person
/// and the date, and it changes only where the timeline has a transition, never just because a day passed.
/// </summary>
public sealed class SimulatedForsakringskassanTests
{
    /// <summary>Mid-morning in Sweden, far from midnight in either zone.</summary>
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = SwedishTime.DateOf(Morning);

    private static readonly string[] Benefits = ["sjukpenning", "aktivitetsersättning", "sjukersättning"];

    private static readonly int[] Extents = [25, 50, 75, 100];

    private static IEnumerable<string> People(int count) => Enumerable.Range(1, count).Select(i => $"pr-{i:x32}");

    private static SimulatedForsakringskassan Simulator(TimeProvider clock, FkSimulatorOptions? options = null) =>
        new(Options.Create(options ?? new FkSimulatorOptions()), clock);

    private static Task<FkBenefit?> FindAsync(SimulatedForsakringskassan fk, string personRef) =>
        fk.FindAsync(personRef, TestContext.Current.CancellationToken);

    /// <summary>A person on sjukpenning today whose period has at least <paramref name="daysLeft"/> more days.</summary>
    private static (string PersonRef, FkBenefit Benefit) OnSjukpenning(int daysLeft = 2) =>
        People(500).Select(p => (p, b: SimulatedForsakringskassan.TimelineOn(p, Today)))
            .Where(x => x.b is { Benefit: "sjukpenning", To: { } to } && to.DayNumber - Today.DayNumber >= daysLeft)
            .Select(x => (x.p, x.b!))
            .First();

    [Fact]
    public async Task The_same_person_gets_the_same_answer_every_time_and_from_every_instance()
    {
        var clock = new FakeTimeProvider(Morning);
        var first = Simulator(clock);
        var second = Simulator(new FakeTimeProvider(Morning));

        foreach (var personRef in People(50))
        {
            var answer = await FindAsync(first, personRef);
            Assert.Equal(answer, await FindAsync(first, personRef));
            Assert.Equal(answer, await FindAsync(second, personRef));
        }
    }

    [Fact]
    public async Task The_answer_is_the_same_on_two_days_with_no_transition_between_them()
    {
        var (personRef, benefit) = OnSjukpenning(daysLeft: 2);
        var clock = new FakeTimeProvider(Morning);
        var fk = Simulator(clock);
        Assert.Equal(benefit, await FindAsync(fk, personRef));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(benefit, await FindAsync(fk, personRef));
        clock.Advance(TimeSpan.FromHours(15)); // past midnight in Sweden, still in the period
        Assert.Equal(benefit, await FindAsync(fk, personRef));
    }

    [Fact]
    public async Task The_answer_changes_the_day_after_the_period_ends()
    {
        var (personRef, benefit) = OnSjukpenning();
        var clock = new FakeTimeProvider(Morning.AddDays(benefit.To!.Value.DayNumber - Today.DayNumber)); // the period's last day
        var fk = Simulator(clock);
        Assert.Equal(benefit, await FindAsync(fk, personRef));

        clock.Advance(TimeSpan.FromDays(1));

        var next = await FindAsync(fk, personRef);
        Assert.NotEqual(benefit, next);
        Assert.True(next is null || next.From == benefit.To.Value.AddDays(1), $"The next state {next} starts the day after {benefit.To}.");
    }

    [Fact]
    public void Over_two_years_every_change_is_a_period_that_ends_or_begins_never_a_day_that_passes()
    {
        var changes = 0;
        foreach (var personRef in People(200))
        {
            var previous = SimulatedForsakringskassan.TimelineOn(personRef, Today);
            for (var day = Today.AddDays(1); day <= Today.AddDays(730); day = day.AddDays(1))
            {
                var current = SimulatedForsakringskassan.TimelineOn(personRef, day);
                if (current == previous)
                {
                    continue;
                }

                changes++;
                Assert.True(current?.From == day || previous?.To == day.AddDays(-1), $"{personRef} on {day}: {previous} became {current} with no transition that day.");
                previous = current;
            }
        }

        // A few transitions a person in two years; a simulation relative to today would change every day.
        Assert.InRange(changes, 100, 200 * 8);
    }

    [Fact]
    public void The_simulated_states_are_realistic()
    {
        var answers = People(600).Select(p => SimulatedForsakringskassan.TimelineOn(p, Today)).ToList();

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

    [Fact]
    public async Task Demo_data_and_a_new_decision_override_the_timeline()
    {
        var (personRef, _) = OnSjukpenning();
        var demo = new FkBenefit("aktivitetsersättning", 50, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), null, "Jonas Berglund");
        var fk = Simulator(new FakeTimeProvider(Morning), new FkSimulatorOptions { Persons = { [personRef] = demo } });
        Assert.Equal(demo, await FindAsync(fk, personRef));

        fk.Decide(personRef, null);

        Assert.Null(await FindAsync(fk, personRef));
    }
}
