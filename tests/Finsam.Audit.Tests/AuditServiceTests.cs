using System.Net.Http.Json;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Referrals;
using Finsam.Contracts.Sharing;
using Finsam.Testing;
using MassTransit;

namespace Finsam.Audit.Tests;

/// <summary>The audit service alone: at-least-once delivery in, exactly one record out.</summary>
public sealed class AuditServiceTests : IAsyncLifetime
{
    private const string Person = "pr-0123456789abcdef0123456789abcdef";
    private readonly ServiceTestFactory<AuditService> _factory = new();
    private readonly ConsumeCounter _consumes = new();

    public ValueTask InitializeAsync()
    {
        _factory.Harness.Bus.ConnectConsumeObserver(_consumes);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<List<Item>> RecordsAsync(string query = "")
    {
        using var client = _factory.ClientWithGrant("audit", DemoActors.Auditor, purpose: "audit");
        return (await client.GetFromJsonAsync<Page>($"/audit/records?personRef={Person}{query}", TestContext.Current.CancellationToken))!.Items;
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_recorded_once()
    {
        var view = new AccessRecorded { Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = Person, Categories = ["referral"], OccurredAt = DateTimeOffset.UtcNow };
        var messageId = Guid.NewGuid();

        await _factory.Harness.Bus.Publish(view, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await _factory.Harness.Bus.Publish(view, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => _consumes.Completed >= 2);

        Assert.Single(await RecordsAsync());
    }

    [Fact]
    public async Task Any_message_that_shares_data_is_recorded_as_a_share_whatever_its_type()
    {
        await _factory.Harness.Bus.Publish(new ReferralStatusChanged
        {
            ReferralId = Guid.NewGuid(),
            Status = ReferralStatuses.Assigned,
            SharingParty = "municipality",
            SharingUnitId = "ovanaker-ips",
            ReceivingParty = "health-care",
            ReceivingUnitId = "halsingland-psykiatri",
            PersonRef = Person,
            Categories = ["ips.plan"],
            Purpose = "ips-support",
            ConsentId = Guid.NewGuid(),
            ActingUser = DemoActors.OvanakerCoordinator,
            OccurredAt = DateTimeOffset.UtcNow,
        }, TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(async () => (await RecordsAsync()).Count == 1);
        var record = Assert.Single(await RecordsAsync());
        Assert.Equal(("share", "municipality", "health-care"), (record.Action, record.SourceParty, record.RecipientParty));
    }

    [Fact]
    public async Task Records_page_with_a_cursor_in_the_order_they_were_written()
    {
        for (var i = 0; i < 5; i++)
        {
            await _factory.Harness.Bus.Publish(new AccessRecorded { Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = Person, Reason = $"view {i}", OccurredAt = DateTimeOffset.UtcNow }, TestContext.Current.CancellationToken);
        }

        await Eventually.HoldsAsync(async () => (await RecordsAsync("&limit=500")).Count == 5);
        using var client = _factory.ClientWithGrant("audit", DemoActors.Auditor, purpose: "audit");
        var first = (await client.GetFromJsonAsync<Page>($"/audit/records?personRef={Person}&limit=3", TestContext.Current.CancellationToken))!;
        var second = (await client.GetFromJsonAsync<Page>($"/audit/records?personRef={Person}&limit=3&cursor={first.NextCursor}", TestContext.Current.CancellationToken))!;

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(first.Items.Concat(second.Items).Select(i => i.Sequence).Order(), first.Items.Concat(second.Items).Select(i => i.Sequence));
    }

    private sealed record Page(List<Item> Items, string? NextCursor);

    private sealed record Item(long Sequence, string Action, string? SourceParty, string? RecipientParty);
}
