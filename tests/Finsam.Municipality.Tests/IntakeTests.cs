using System.Net.Http.Json;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Consent;
using Microsoft.Extensions.DependencyInjection;
using Finsam.Testing;
using MassTransit;
using MassTransit.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>The municipality service alone: referrals arrive over the bus (test harness), the consent service is out of reach.</summary>
public sealed class IntakeTests : IAsyncLifetime
{
    private readonly ServiceTestFactory<MunicipalityService> _factory = new();
    private readonly ConsumeCounter _consumes = new(typeof(Contracts.Referrals.ReferralSubmitted));

    public ValueTask InitializeAsync()
    {
        _factory.Harness.Bus.ConnectConsumeObserver(_consumes);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<List<QueueItem>> QueueAsync(Actor coordinator)
    {
        using var client = _factory.ClientWithGrant("municipality", coordinator);
        return (await client.GetFromJsonAsync<List<QueueItem>>("/municipality/ips/queue", TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task A_referral_delivered_twice_makes_one_case()
    {
        var referral = DemoMessages.Referral();
        var messageId = Guid.NewGuid();

        await _factory.Harness.Bus.Publish(referral, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await _factory.Harness.Bus.Publish(referral, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => _consumes.Completed >= 2);

        Assert.Single(await QueueAsync(DemoActors.OvanakerCoordinator));
    }

    [Fact]
    public async Task A_referral_joins_only_the_receiving_units_queue()
    {
        await _factory.Harness.Bus.Publish(DemoMessages.Referral("bollnas-ips"), TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => _consumes.Completed >= 1);

        Assert.Single(await QueueAsync(DemoActors.BollnasCoordinator));
        Assert.Empty(await QueueAsync(DemoActors.OvanakerCoordinator));
    }

    [Fact]
    public async Task When_the_consent_service_cannot_answer_nothing_is_reported_back_and_a_denial_is_recorded()
    {
        await _factory.Harness.Bus.Publish(DemoMessages.Referral(), TestContext.Current.CancellationToken);

        // The consent client's retries can leave the harness idle before the denial is relayed; look until it is there.
        await Eventually.HoldsAsync(() => _factory.Harness.Published.Any<AccessRecorded>(
            m => m.Context.Message.Action == AuditActions.Deny && m.Context.Message.Reason == ConsentDecision.Unavailable, TestContext.Current.CancellationToken), seconds: 30);
        Assert.False(await _factory.Harness.Published.Any<ReferralStatusChanged>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_report_that_waited_for_the_consent_service_is_sent_once_it_answers_with_one_denial_recorded()
    {
        await using var factory = new ServiceTestFactory<MunicipalityService>();
        var consent = new ReachableLater();
        factory.Settings["Finsam:Municipality:PendingReports:RetryInterval"] = "00:00:00.200";
        factory.TestServices = services => services.AddHttpClient<ConsentDecisionClient<MunicipalityService>>()
            .ConfigurePrimaryHttpMessageHandler(() => consent);

        await factory.Harness.Bus.Publish(DemoMessages.Referral(), TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => factory.Harness.Published.Any<AccessRecorded>(TestContext.Current.CancellationToken), seconds: 30);
        await Eventually.HoldsAsync(() => consent.Refused >= 3);
        consent.Available = true;

        Assert.True(await factory.Harness.Published.Any<ReferralStatusChanged>(m => m.Context.Message.Status == "received", TestContext.Current.CancellationToken));
        Assert.Single(factory.Harness.Published.Select<AccessRecorded>(TestContext.Current.CancellationToken));
    }

    /// <summary>A consent service that refuses connections until it is told to answer "permit".</summary>
    private sealed class ReachableLater : HttpMessageHandler
    {
        private int _refused;

        public volatile bool Available;

        public int Refused => Volatile.Read(ref _refused);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Available)
            {
                Interlocked.Increment(ref _refused);
                throw new HttpRequestException("Connection refused");
            }

            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new ConsentDecision(true, Guid.NewGuid(), ["ips.plan"], null)),
            });
        }
    }

    private sealed record QueueItem(Guid CaseId, string PersonRef, int WaitingDays);
}
