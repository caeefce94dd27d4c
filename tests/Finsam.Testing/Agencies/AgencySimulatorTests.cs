using Finsam.Agencies.Simulation;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Finsam.Testing.Agencies;

/// <summary>
/// An agency simulator's people live on timelines anchored to fixed dates, the same for every agency: the answer
/// is a function of the person and the date, it changes only where the timeline has a transition, never just
/// because a day passed, and a recorded state or demo data comes before the timeline. The derived class supplies
/// the agency's timeline, people with a quiet stretch and with a transition, and what realistic means for it.
/// </summary>
public abstract class AgencySimulatorTests<TSimulator, TRecord>
    where TSimulator : SimulatedAgencySystem<TRecord>
    where TRecord : class
{
    /// <summary>Mid-morning in Sweden, far from midnight in either zone.</summary>
    protected static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    protected static readonly DateOnly Today = SwedishTime.DateOf(Morning);

    /// <summary>Days over which every change must be a transition: the agency's longest cycle.</summary>
    protected abstract int CycleDays { get; }

    /// <summary>A demo record and the state the agency then records (null: no record any more); the two differ.</summary>
    protected abstract (TRecord Demo, TRecord? Recorded) DemoAndRecorded { get; }

    protected static IEnumerable<string> People(int count) => Enumerable.Range(1, count).Select(i => $"pr-{i:x32}");

    /// <summary>The agency's simulator on <paramref name="clock"/>.</summary>
    protected abstract TSimulator Simulator(TimeProvider clock, AgencySimulatorOptions<TRecord> options);

    /// <summary>What the agency's timeline says about the person on a date (its static <c>TimelineOn</c>).</summary>
    protected abstract TRecord? TimelineOn(string personRef, DateOnly day);

    /// <summary>A person and a day from which the answer stays the same for two more days, and that answer.</summary>
    protected abstract (string PersonRef, DateOnly FirstDay, TRecord? Answer) QuietStretch();

    /// <summary>A person whose timeline has a transition the day after <c>DayBefore</c>.</summary>
    protected abstract (string PersonRef, DateOnly DayBefore) Transition();

    /// <summary>Checks the answers of the day before the transition and of its day.</summary>
    protected abstract void AssertTransition(TRecord? before, TRecord? after, DateOnly day);

    /// <summary>Whether a change from <paramref name="previous"/> to <paramref name="current"/> on <paramref name="day"/> is one of the timeline's transitions.</summary>
    protected abstract bool IsTransition(TRecord? previous, TRecord? current, DateOnly day);

    /// <summary>Checks that today's answers for many people make a realistic population.</summary>
    protected abstract void AssertRealistic(IReadOnlyList<TRecord?> answers);

    private TSimulator Simulator(TimeProvider clock) => Simulator(clock, new AgencySimulatorOptions<TRecord>());

    private static DateTimeOffset MorningOf(DateOnly day) => Morning.AddDays(day.DayNumber - Today.DayNumber);

    private static Task<TRecord?> FindAsync(TSimulator simulator, string personRef) =>
        simulator.FindAsync(personRef, TestContext.Current.CancellationToken);

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
        var (personRef, firstDay, answer) = QuietStretch();
        var clock = new FakeTimeProvider(MorningOf(firstDay));
        var simulator = Simulator(clock);
        Assert.Equal(answer, await FindAsync(simulator, personRef));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(answer, await FindAsync(simulator, personRef));
        clock.Advance(TimeSpan.FromHours(15)); // past midnight in Sweden
        Assert.Equal(answer, await FindAsync(simulator, personRef));
    }

    [Fact]
    public async Task A_transition_shows_on_its_day()
    {
        var (personRef, dayBefore) = Transition();
        var clock = new FakeTimeProvider(MorningOf(dayBefore));
        var simulator = Simulator(clock);
        var before = await FindAsync(simulator, personRef);

        clock.Advance(TimeSpan.FromDays(1));

        AssertTransition(before, await FindAsync(simulator, personRef), dayBefore.AddDays(1));
    }

    [Fact]
    public void Over_a_cycle_every_change_is_a_transition_never_a_day_that_passes()
    {
        var changes = 0;
        foreach (var personRef in People(200))
        {
            var previous = TimelineOn(personRef, Today);
            for (var day = Today.AddDays(1); day <= Today.AddDays(CycleDays); day = day.AddDays(1))
            {
                var current = TimelineOn(personRef, day);
                if (Equals(current, previous))
                {
                    continue;
                }

                changes++;
                Assert.True(IsTransition(previous, current, day), $"{personRef} on {day}: {previous} became {current} with no transition that day.");
                previous = current;
            }
        }

        // A few transitions a person in a cycle; a simulation relative to today would change every day.
        Assert.InRange(changes, 100, 200 * 8);
    }

    [Fact]
    public void The_simulated_states_are_realistic() =>
        AssertRealistic([.. People(600).Select(p => TimelineOn(p, Today))]);

    [Fact]
    public async Task Demo_data_and_a_recorded_state_override_the_timeline()
    {
        var personRef = People(1).Single();
        var (demo, recorded) = DemoAndRecorded;
        var simulator = Simulator(new FakeTimeProvider(Morning), new AgencySimulatorOptions<TRecord> { Persons = { [personRef] = demo } });
        Assert.Equal(demo, await FindAsync(simulator, personRef));

        simulator.Record(personRef, recorded);

        Assert.Equal(recorded, await FindAsync(simulator, personRef));
    }
}
