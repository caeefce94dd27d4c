using System.Text.Json.Nodes;
using Finsam.Agencies;
using Finsam.Agencies.FollowUp;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Finsam.Testing.Agencies;

/// <summary>
/// An agency adapter (AF's or FK's) alone, following one person for an IPS case, on a clock the test moves and
/// with a consent service that permits unless the test says otherwise (<see cref="Consent"/>): anything worth
/// telling the coach would be told, so what the watcher puts in its outbox is exactly what it found to tell.
/// </summary>
public sealed class AgencyWatchHarness<TService> : IAsyncDisposable
    where TService : class, IAgencyService
{
    private readonly ServiceTestFactory<TService> _adapter;

    internal AgencyWatchHarness(string personRef, FakeTimeProvider clock, ConsentServiceStub consent)
    {
        PersonRef = personRef;
        Clock = clock;
        Consent = consent;
        _adapter = new ServiceTestFactory<TService>();
        _adapter.Settings["Finsam:Services:consent"] = consent.BaseAddress;
        // The watcher's own timer runs on the fake clock too; it must not tick while the test moves the clock.
        _adapter.Settings[$"{TService.ConfigurationSection}:Watch:Interval"] = "40.00:00:00";
        _adapter.TestServices = services => services.AddSingleton<TimeProvider>(clock);
    }

    public string PersonRef { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The consent service the adapter asks; it permits until told otherwise.</summary>
    public ConsentServiceStub Consent { get; }

    /// <summary>How many decisions the adapter asked for: none when it found nothing to tell.</summary>
    public int ConsentDecisions => Consent.Decisions;

    /// <summary>The municipality tells the adapter that IPS work with the person has started; it follows them from now on.</summary>
    public async Task FollowAsync()
    {
        await TellFollowUpAsync(TService.Party);
        Assert.Equal(1, await FollowedCountAsync());
    }

    /// <summary>The municipality tells <paramref name="receivingParty"/> that IPS work has started; returns once the adapter has taken the message in.</summary>
    public async Task TellFollowUpAsync(string receivingParty)
    {
        var caseId = Guid.NewGuid();
        await _adapter.Harness.Bus.Publish(new IpsFollowUpStarted
        {
            CaseId = caseId, SharingParty = "municipality", SharingUnitId = AgencyWatch.Unit, ReceivingParty = receivingParty, ReceivingUnitId = null,
            PersonRef = PersonRef, Categories = ["ips.plan"], Purpose = "coordination", ConsentId = Guid.NewGuid(),
            ActingUser = DemoActors.OvanakerCoach, OccurredAt = Clock.GetUtcNow(),
        });
        // The harness waits up to its inactivity timeout for the consume to complete.
        Assert.True(
            await _adapter.Harness.Consumed.Any<IpsFollowUpStarted>(m => m.Context.Message.CaseId == caseId && m.Exception is null),
            "The adapter did not take the follow-up in.");
    }

    /// <summary>How many (person, unit) pairs the adapter follows.</summary>
    public async Task<long> FollowedCountAsync()
    {
        await using var session = await Database.ConnectAsync(CancellationToken.None);
        return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followed_persons");
    }

    public Task WatchAsync() =>
        _adapter.Services.GetRequiredService<AgencyWatcher<TService>>().WatchOnceAsync(CancellationToken.None);

    /// <summary>What the watcher put in the outbox to publish: changes told and denials recorded.</summary>
    public async Task<List<(string Type, JsonNode Body)>> PublishedAsync()
    {
        await using var session = await Database.ConnectAsync(CancellationToken.None);
        return [.. (await session.QueryAsync<(string, string)>("SELECT message_type, body FROM outbox_messages ORDER BY sequence"))
            .Select(row => (row.Item1, JsonNode.Parse(row.Item2)!))];
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await Consent.DisposeAsync();
    }

    private ServiceDatabase<TService> Database => _adapter.Services.GetRequiredService<ServiceDatabase<TService>>();
}

/// <summary>Starts an <see cref="AgencyWatchHarness{TService}"/>.</summary>
public static class AgencyWatch
{
    /// <summary>The IPS unit whose coach the adapter tells.</summary>
    public const string Unit = "ovanaker-ips";

    /// <summary>The adapter of <typeparamref name="TService"/> following <paramref name="personRef"/>, with the clock at 09:00 UTC on <paramref name="firstDay"/>.</summary>
    public static async Task<AgencyWatchHarness<TService>> StartAsync<TService>(string personRef, DateOnly firstDay)
        where TService : class, IAgencyService =>
        new(personRef, new FakeTimeProvider(new DateTimeOffset(firstDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)), await ConsentServiceStub.StartAsync());
}
