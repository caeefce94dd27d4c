using System.Net.Http.Json;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>The IPS unit's waiting list, on a clock the test moves (waiting time is a quality measure in IPS).</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task The_queue_is_oldest_first_and_counts_waiting_days_by_the_swedish_calendar()
    {
        // Monday 2 March 2026, 23:30 in Sweden (CET).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 22, 30, 0, TimeSpan.Zero));
        await using var consent = await PermittingConsentService.StartAsync();
        await using var factory = new ServiceTestFactory<MunicipalityService>();
        factory.Settings["Finsam:Services:consent"] = consent.BaseAddress;
        factory.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var consumes = new ConsumeCounter(typeof(Contracts.Referrals.ReferralSubmitted));
        factory.Harness.Bus.ConnectConsumeObserver(consumes);

        await factory.Harness.Bus.Publish(DemoMessages.Referral() with { PersonRef = "pr-00000000000000000000000000000001" }, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => consumes.Completed >= 1);
        // An hour later it is Tuesday in Sweden, though not yet in UTC.
        clock.Advance(TimeSpan.FromHours(1));
        await factory.Harness.Bus.Publish(DemoMessages.Referral() with { PersonRef = "pr-00000000000000000000000000000002" }, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => consumes.Completed >= 2);
        // Wednesday morning.
        clock.Advance(TimeSpan.FromHours(32));

        using var client = factory.ClientWithGrant("municipality", DemoActors.OvanakerCoordinator); // signed and checked by the same clock
        var queue = (await client.GetFromJsonAsync<List<QueueItem>>("/municipality/ips/queue", TestContext.Current.CancellationToken))!;

        Assert.Equal(
            [new QueueItem("pr-00000000000000000000000000000001", 2), new QueueItem("pr-00000000000000000000000000000002", 1)],
            queue);
    }

    private sealed record QueueItem(string PersonRef, int WaitingDays);
}
