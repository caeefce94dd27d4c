using System.Net;
using System.Net.Http.Json;
using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Referrals;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.HealthCare.Tests;

/// <summary>The health-care service alone, with the consent service out of reach: decisions fail closed.</summary>
public sealed class HealthCareServiceTests : IAsyncLifetime
{
    private const string Person = "pr-0123456789abcdef0123456789abcdef";
    private readonly ServiceTestFactory<HealthCareService> _factory = new();
    private readonly ConsumeCounter _consumes = new();

    public ValueTask InitializeAsync()
    {
        _factory.Harness.Bus.ConnectConsumeObserver(_consumes);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task When_no_consent_decision_can_be_had_the_referral_is_refused_and_nothing_is_sent()
    {
        using var client = _factory.ClientWithGrant("healthcare", DemoActors.Clinician, personRef: Person);

        var response = await client.PostAsJsonAsync("/healthcare/referrals", new
        {
            personRef = Person,
            toUnitId = "ovanaker-ips",
            reason = "Vill arbeta",
            ownGoal = "Lagerarbete",
            contact = new { name = "Kim" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // The harness has been idle through the consent client's retries, so one look may come before the relay's
        // publish of the committed denial; look until it is there.
        await Eventually.HoldsAsync(() => _factory.Harness.Published.Any<AccessRecorded>(m => m.Context.Message.Reason == ConsentDecision.Unavailable, TestContext.Current.CancellationToken), seconds: 30);
        Assert.False(await _factory.Harness.Published.Any<ReferralSubmitted>(TestContext.Current.CancellationToken));
        Assert.Empty((await client.GetFromJsonAsync<List<object>>("/healthcare/referrals", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task A_status_report_delivered_twice_appears_once_in_the_history()
    {
        var referralId = await StoreReferralAsync();
        var report = new ReferralStatusChanged
        {
            ReferralId = referralId,
            Status = ReferralStatuses.Received,
            SharingParty = "municipality",
            SharingUnitId = "ovanaker-ips",
            ReceivingParty = "health-care",
            ReceivingUnitId = "halsingland-psykiatri",
            PersonRef = Person,
            Categories = ["ips.plan"],
            Purpose = "ips-support",
            ConsentId = Guid.NewGuid(),
            ActingUser = Actor.System("municipality", "ovanaker-ips"),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();

        await _factory.Harness.Bus.Publish(report, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await _factory.Harness.Bus.Publish(report, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => _consumes.Completed >= 2);

        using var client = _factory.ClientWithGrant("healthcare", DemoActors.Clinician);
        var referral = await client.GetFromJsonAsync<ReferralView>($"/healthcare/referrals/{referralId}", TestContext.Current.CancellationToken);
        Assert.Equal(["sent", "received"], referral!.History.Select(h => h.Status));
        Assert.Equal("received", referral.Status);
    }

    [Fact]
    public async Task Another_health_care_unit_gets_404_for_the_referral()
    {
        var referralId = await StoreReferralAsync();
        using var client = _factory.ClientWithGrant("healthcare", DemoActors.Clinician with { UnitId = "another-clinic" });

        var response = await client.GetAsync($"/healthcare/referrals/{referralId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A referral as a permitted submission leaves it, written straight to the service's own store.</summary>
    private async Task<Guid> StoreReferralAsync()
    {
        var referral = new ReferralSubmitted
        {
            ReferralId = Guid.NewGuid(),
            SharingParty = "health-care",
            SharingUnitId = "halsingland-psykiatri",
            ReceivingParty = "municipality",
            ReceivingUnitId = "ovanaker-ips",
            PersonRef = Person,
            Categories = ["referral", "contact"],
            Purpose = "ips-support",
            ConsentId = Guid.NewGuid(),
            ActingUser = DemoActors.Clinician,
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Reason = "Vill arbeta",
            OwnGoal = "Lagerarbete",
            Contact = new ContactDetails("Kim", null, null, null),
        };
        var database = _factory.Services.GetRequiredService<ServiceDatabase<HealthCareService>>();
        await using var session = await database.BeginAsync(TestContext.Current.CancellationToken);
        await ReferralStore.InsertAsync(session, referral);
        await session.CommitAsync();
        return referral.ReferralId;
    }
}
