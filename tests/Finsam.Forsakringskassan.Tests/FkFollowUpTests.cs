using Finsam.Contracts.Sharing;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>
/// The watcher asks the simulator about a followed person day after day on a clock the test moves: days that
/// pass tell the coach nothing; the end of a sjukpenning period is told once.
/// </summary>
public sealed class FkFollowUpTests : IAsyncLifetime
{
    private readonly FkBenefit _period;
    private readonly string _personRef;
    private AgencyWatchHarness<ForsakringskassanService> _watch = null!;

    public FkFollowUpTests()
    {
        // A person on sjukpenning.
        var today = SwedishTime.DateOf(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        (_personRef, _period) = Enumerable.Range(1, 500).Select(i => $"pr-{i:x32}")
            .Select(p => (p, b: SimulatedForsakringskassan.TimelineOn(p, today)))
            .Where(x => x.b is { Benefit: "sjukpenning" })
            .Select(x => (x.p, x.b!))
            .First();
    }

    // Two days before the period's last day.
    public async ValueTask InitializeAsync() =>
        _watch = await AgencyWatch.StartAsync<ForsakringskassanService>(_personRef, _period.To!.Value.AddDays(-2));

    public ValueTask DisposeAsync() => _watch.DisposeAsync();

    [Fact]
    public async Task Days_that_pass_without_a_transition_tell_the_coach_nothing()
    {
        await _watch.FollowAsync();

        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1));
        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1)); // the period's last day
        await _watch.WatchAsync();

        Assert.Empty(await _watch.PublishedAsync());
        Assert.Equal(0, _watch.ConsentDecisions); // nothing changed, so consent was not even asked
    }

    [Fact]
    public async Task The_end_of_a_sjukpenning_period_is_told_once()
    {
        await _watch.FollowAsync();
        await _watch.WatchAsync();

        _watch.Clock.Advance(TimeSpan.FromDays(3)); // the day after the period's last day
        await _watch.WatchAsync();
        await _watch.WatchAsync();
        _watch.Clock.Advance(TimeSpan.FromDays(1));
        await _watch.WatchAsync();

        var published = Assert.Single(await _watch.PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
        Assert.Equal(_personRef, published.Body["personRef"]!.GetValue<string>());
        Assert.Equal(AgencyWatch.Unit, published.Body["receivingUnitId"]!.GetValue<string>());
        var next = SimulatedForsakringskassan.TimelineOn(_personRef, _period.To!.Value.AddDays(1));
        Assert.Equal(next is null ? "Ingen ersättning från Försäkringskassan." : $"Sjukpenning {next.ExtentPercent} % från {next.From:yyyy-MM-dd} till {next.To:yyyy-MM-dd}.",
            published.Body["description"]!.GetValue<string>());
    }
}
