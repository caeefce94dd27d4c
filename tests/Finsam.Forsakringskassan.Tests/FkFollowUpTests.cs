using System.Text.Json.Nodes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults.Agencies;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Forsakringskassan.Tests;

/// <summary>
/// The watcher asks the simulator about a followed person day after day on a clock the test moves: days that
/// pass tell the coach nothing; the end of a sjukpenning period is told once. The consent service is a local
/// fake that permits, so anything worth telling would be told.
/// </summary>
public sealed class FkFollowUpTests : IAsyncLifetime
{
    private const string Unit = "ovanaker-ips";
    private PermittingConsentService _consent = null!;
    private FakeTimeProvider _clock = null!;
    private ServiceTestFactory<ForsakringskassanService> _adapter = null!;
    private string _personRef = null!;
    private FkBenefit _period = null!;

    public async ValueTask InitializeAsync()
    {
        // A person on sjukpenning, and a clock at 09:00 UTC two days before the period's last day.
        var today = SwedishTime.DateOf(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        (_personRef, _period) = Enumerable.Range(1, 500).Select(i => $"pr-{i:x32}")
            .Select(p => (p, b: SimulatedForsakringskassan.TimelineOn(p, today)))
            .Where(x => x.b is { Benefit: "sjukpenning" })
            .Select(x => (x.p, x.b!))
            .First();
        var start = _period.To!.Value.AddDays(-2);
        _clock = new FakeTimeProvider(new DateTimeOffset(start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

        _consent = await PermittingConsentService.StartAsync();

        _adapter = new ServiceTestFactory<ForsakringskassanService>();
        _adapter.Settings["Finsam:Services:consent"] = _consent.BaseAddress;
        // The watcher's own timer runs on the fake clock too; it must not tick while the test moves the clock.
        _adapter.Settings["Finsam:forsakringskassan:Watch:Interval"] = "40.00:00:00";
        _adapter.TestServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await _consent.DisposeAsync();
    }

    private async Task FollowAsync()
    {
        await _adapter.Harness.Bus.Publish(new IpsFollowUpStarted
        {
            CaseId = Guid.NewGuid(), SharingParty = "municipality", SharingUnitId = Unit, ReceivingParty = "forsakringskassan", ReceivingUnitId = null,
            PersonRef = _personRef, Categories = ["ips.plan"], Purpose = "coordination", ConsentId = Guid.NewGuid(),
            ActingUser = DemoActors.OvanakerCoach, OccurredAt = _clock.GetUtcNow(),
        }, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM followed_persons") == 1);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var session = await _adapter.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return await session.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>What the watcher put in the outbox to publish: changes told and denials recorded.</summary>
    private async Task<List<(string Type, JsonNode Body)>> PublishedAsync()
    {
        await using var session = await _adapter.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return [.. (await session.QueryAsync<(string, string)>("SELECT message_type, body FROM outbox_messages ORDER BY sequence"))
            .Select(row => (row.Item1, JsonNode.Parse(row.Item2)!))];
    }

    private Task WatchAsync() =>
        _adapter.Services.GetRequiredService<AgencyWatcher<ForsakringskassanService>>().WatchOnceAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Days_that_pass_without_a_transition_tell_the_coach_nothing()
    {
        await FollowAsync();

        await WatchAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        await WatchAsync();
        _clock.Advance(TimeSpan.FromDays(1)); // the period's last day
        await WatchAsync();

        Assert.Empty(await PublishedAsync());
        Assert.Equal(0, _consent.Decisions); // nothing changed, so consent was not even asked
    }

    [Fact]
    public async Task The_end_of_a_sjukpenning_period_is_told_once()
    {
        await FollowAsync();
        await WatchAsync();

        _clock.Advance(TimeSpan.FromDays(3)); // the day after the period's last day
        await WatchAsync();
        await WatchAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        await WatchAsync();

        var published = Assert.Single(await PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
        Assert.Equal(_personRef, published.Body["personRef"]!.GetValue<string>());
        Assert.Equal(Unit, published.Body["receivingUnitId"]!.GetValue<string>());
        var next = SimulatedForsakringskassan.TimelineOn(_personRef, _period.To!.Value.AddDays(1));
        Assert.Equal(next is null ? "Ingen ersättning från Försäkringskassan." : $"Sjukpenning {next.ExtentPercent} % från {next.From:yyyy-MM-dd} till {next.To:yyyy-MM-dd}.",
            published.Body["description"]!.GetValue<string>());
    }
}
