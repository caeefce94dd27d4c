using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>
/// The AF simulator's people live on timelines anchored to fixed dates: the answer is a function of the person
/// and the date, and it changes only where the timeline has a transition, never just because a day passed.
/// </summary>
public sealed class SimulatedArbetsformedlingenTests
{
    /// <summary>Mid-morning in Sweden, far from midnight in either zone.</summary>
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = SwedishTime.DateOf(Morning);

    private static readonly string[] Programmes = ["Stöd och matchning", "Förberedande insatser", "Arbetsträning", "Jobb- och utvecklingsgarantin"];

    private static IEnumerable<string> People(int count) => Enumerable.Range(1, count).Select(i => $"pr-{i:x32}");

    private static SimulatedArbetsformedlingen Simulator(TimeProvider clock, AfSimulatorOptions? options = null) =>
        new(Options.Create(options ?? new AfSimulatorOptions()), clock);

    private static Task<AfJobSeeker?> FindAsync(SimulatedArbetsformedlingen af, string personRef) =>
        af.FindAsync(personRef, TestContext.Current.CancellationToken);

    /// <summary>A person whose lönebidrag decision is in force today, and the decision.</summary>
    internal static (string PersonRef, WageSubsidy Decision) WithLonebidrag() =>
        People(500).Select(p => (p, w: SimulatedArbetsformedlingen.TimelineOn(p, Today).Lonebidrag))
            .Where(x => x.w is not null)
            .Select(x => (x.p, x.w!))
            .First();

    [Fact]
    public async Task The_same_person_gets_the_same_answer_every_time_and_from_every_instance()
    {
        var first = Simulator(new FakeTimeProvider(Morning));
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
        var (personRef, decision) = WithLonebidrag();
        // Two days inside the lönebidrag employment: nothing starts or ends between them.
        var clock = new FakeTimeProvider(Morning.AddDays(decision.From.DayNumber - Today.DayNumber + 1));
        var af = Simulator(clock);
        var before = await FindAsync(af, personRef);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(before, await FindAsync(af, personRef));
        clock.Advance(TimeSpan.FromHours(15)); // past midnight in Sweden
        Assert.Equal(before, await FindAsync(af, personRef));
        Assert.Equal(decision, before!.Lonebidrag);
    }

    [Fact]
    public async Task A_lonebidrag_decision_appears_on_the_day_it_is_taken()
    {
        var (personRef, decision) = WithLonebidrag();
        var clock = new FakeTimeProvider(Morning.AddDays(decision.DecidedOn.DayNumber - Today.DayNumber - 1));
        var af = Simulator(clock);
        var before = await FindAsync(af, personRef);
        Assert.True(before is { Registered: true, Lonebidrag: null }, $"Registered without lönebidrag the day before: {before}");

        clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(before with { Lonebidrag = decision }, await FindAsync(af, personRef));
    }

    [Fact]
    public void Over_three_years_every_change_is_a_registration_a_decision_or_a_period_never_a_day_that_passes()
    {
        var changes = 0;
        foreach (var personRef in People(200))
        {
            var previous = SimulatedArbetsformedlingen.TimelineOn(personRef, Today);
            for (var day = Today.AddDays(1); day <= Today.AddDays(1095); day = day.AddDays(1))
            {
                var current = SimulatedArbetsformedlingen.TimelineOn(personRef, day);
                if (current == previous)
                {
                    continue;
                }

                changes++;
                var explained = !current.Registered // left the register
                    || current.RegisteredSince == day
                    || current.Lonebidrag?.DecidedOn == day
                    || current.Lonebidrag?.From == day
                    || previous.Lonebidrag?.To == day.AddDays(-1);
                Assert.True(explained, $"{personRef} on {day}: {previous} became {current} with no transition that day.");
                previous = current;
            }
        }

        // A few transitions a person in three years; a simulation relative to today would change every day.
        Assert.InRange(changes, 100, 200 * 8);
    }

    [Fact]
    public void The_simulated_states_are_realistic()
    {
        var answers = People(600).Select(p => SimulatedArbetsformedlingen.TimelineOn(p, Today)).ToList();

        Assert.Contains(answers, a => !a.Registered);
        Assert.All(answers.Where(a => a.Registered), a =>
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
        Assert.Contains(answers, a => a.Programme == "Stöd och matchning");
        Assert.Contains(answers, a => a.Sius);
        Assert.Contains(answers, a => a.Aktivitetsstod);
        Assert.Contains(answers, a => a.Lonebidrag is not null);
    }

    [Fact]
    public async Task Demo_data_and_a_recorded_state_override_the_timeline()
    {
        var (personRef, _) = WithLonebidrag();
        var demo = new AfJobSeeker(true, new DateOnly(2026, 3, 1), "Arbetsträning", false, true, null, new Officer("Ali Hassan", "010-486 15 51"));
        var af = Simulator(new FakeTimeProvider(Morning), new AfSimulatorOptions { Persons = { [personRef] = demo } });
        Assert.Equal(demo, await FindAsync(af, personRef));

        var recorded = demo with { Programme = "Stöd och matchning" };
        af.Record(personRef, recorded);

        Assert.Equal(recorded, await FindAsync(af, personRef));
    }
}
