using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>
/// The watcher asks the simulator about a followed person day after day on a clock the test moves: days that
/// pass tell the coach nothing; a lönebidrag decision is told once, on the day it is taken.
/// </summary>
public sealed class AfFollowUpTests : IAsyncLifetime
{
    private readonly WageSubsidy _decision;
    private readonly string _personRef;
    private AgencyWatchHarness<ArbetsformedlingenService> _watch = null!;

    public AfFollowUpTests() => (_personRef, _decision) = SimulatedArbetsformedlingenTests.WithLonebidrag();

    // Two days before the decision is taken.
    public async ValueTask InitializeAsync() =>
        _watch = await AgencyWatch.StartAsync<ArbetsformedlingenService>(_personRef, _decision.DecidedOn.AddDays(-2));

    public ValueTask DisposeAsync() => _watch.DisposeAsync();

    [Fact]
    public async Task Days_that_pass_without_a_transition_tell_the_coach_nothing()
    {
        await _watch.FollowAsync();

        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1)); // the day before the decision
        await _watch.WatchAsync();

        Assert.Empty(await _watch.PublishedAsync());
        Assert.Equal(0, _watch.ConsentDecisions); // nothing changed, so consent was not even asked
    }

    [Fact]
    public async Task A_lonebidrag_decision_is_told_once_on_the_day_it_is_taken()
    {
        await _watch.FollowAsync();
        await _watch.WatchAsync();

        _watch.Clock.Advance(TimeSpan.FromDays(2));
        await _watch.WatchAsync();
        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1));
        await _watch.WatchAsync();

        var published = Assert.Single(await _watch.PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
        Assert.Equal(_personRef, published.Body["personRef"]!.GetValue<string>());
        Assert.Equal(AgencyWatch.Unit, published.Body["receivingUnitId"]!.GetValue<string>());
        Assert.Contains(
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Lönebidrag beslutat {_decision.DecidedOn:yyyy-MM-dd}, {_decision.PercentOfWage} %, {_decision.From:yyyy-MM-dd}–{_decision.To:yyyy-MM-dd}."),
            published.Body["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
