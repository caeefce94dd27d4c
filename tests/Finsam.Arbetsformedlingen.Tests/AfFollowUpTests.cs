using System.Text.Json.Nodes;
using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Agencies;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Arbetsformedlingen.Tests;

/// <summary>
/// The watcher asks the simulator about a followed person day after day on a clock the test moves: days that
/// pass tell the coach nothing; a lönebidrag decision is told once, on the day it is taken. The consent
/// service is a local fake that permits, so anything worth telling would be told.
/// </summary>
public sealed class AfFollowUpTests : IAsyncLifetime
{
    private const string Unit = "ovanaker-ips";
    private PermittingConsentService _consent = null!;
    private FakeTimeProvider _clock = null!;
    private ServiceTestFactory<ArbetsformedlingenService> _adapter = null!;
    private string _personRef = null!;
    private WageSubsidy _decision = null!;

    public async ValueTask InitializeAsync()
    {
        // A person with a lönebidrag decision, and a clock at 09:00 UTC two days before it is taken.
        (_personRef, _decision) = SimulatedArbetsformedlingenTests.WithLonebidrag();
        _clock = new FakeTimeProvider(new DateTimeOffset(_decision.DecidedOn.AddDays(-2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

        _consent = await PermittingConsentService.StartAsync();

        _adapter = new ServiceTestFactory<ArbetsformedlingenService>();
        _adapter.Settings["Finsam:Services:consent"] = _consent.BaseAddress;
        // The watcher's own timer runs on the fake clock too; it must not tick while the test moves the clock.
        _adapter.Settings["Finsam:arbetsformedlingen:Watch:Interval"] = "40.00:00:00";
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
            CaseId = Guid.NewGuid(), SharingParty = "municipality", SharingUnitId = Unit, ReceivingParty = "arbetsformedlingen", ReceivingUnitId = null,
            PersonRef = _personRef, Categories = ["ips.plan"], Purpose = "coordination", ConsentId = Guid.NewGuid(),
            ActingUser = DemoActors.OvanakerCoach, OccurredAt = _clock.GetUtcNow(),
        }, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(async () =>
        {
            await using var session = await Database.ConnectAsync(TestContext.Current.CancellationToken);
            return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followed_persons") == 1;
        });
    }

    private ServiceDatabase<ArbetsformedlingenService> Database => _adapter.Services.GetRequiredService<ServiceDatabase<ArbetsformedlingenService>>();

    /// <summary>What the watcher put in the outbox to publish: changes told and denials recorded.</summary>
    private async Task<List<(string Type, JsonNode Body)>> PublishedAsync()
    {
        await using var session = await Database.ConnectAsync(TestContext.Current.CancellationToken);
        return [.. (await session.QueryAsync<(string, string)>("SELECT message_type, body FROM outbox_messages ORDER BY sequence"))
            .Select(row => (row.Item1, JsonNode.Parse(row.Item2)!))];
    }

    private Task WatchAsync() =>
        _adapter.Services.GetRequiredService<AgencyWatcher<ArbetsformedlingenService>>().WatchOnceAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Days_that_pass_without_a_transition_tell_the_coach_nothing()
    {
        await FollowAsync();

        await WatchAsync();
        _clock.Advance(TimeSpan.FromDays(1)); // the day before the decision
        await WatchAsync();

        Assert.Empty(await PublishedAsync());
        Assert.Equal(0, _consent.Decisions); // nothing changed, so consent was not even asked
    }

    [Fact]
    public async Task A_lonebidrag_decision_is_told_once_on_the_day_it_is_taken()
    {
        await FollowAsync();
        await WatchAsync();

        _clock.Advance(TimeSpan.FromDays(2));
        await WatchAsync();
        await WatchAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        await WatchAsync();

        var published = Assert.Single(await PublishedAsync());
        Assert.Equal(OutboxMessageTypes.NameOf(typeof(AgencyStatusChanged)), published.Type);
        Assert.Equal(_personRef, published.Body["personRef"]!.GetValue<string>());
        Assert.Equal(Unit, published.Body["receivingUnitId"]!.GetValue<string>());
        Assert.Contains(
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Lönebidrag beslutat {_decision.DecidedOn:yyyy-MM-dd}, {_decision.PercentOfWage} %, {_decision.From:yyyy-MM-dd}–{_decision.To:yyyy-MM-dd}."),
            published.Body["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
