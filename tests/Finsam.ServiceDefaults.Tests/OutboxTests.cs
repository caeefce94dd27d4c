using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.Testing;
using MassTransit;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>A state change and its messages commit together; a failed publish is retried; a redelivery has no second effect.</summary>
public sealed class OutboxTests
{
    private static ConsentRevoked Revocation() =>
        new(Guid.NewGuid(), "pr-0123456789abcdef0123456789abcdef", "test", new Actor("anna.lind", "clinician", "health-care", null), DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_publish_that_fails_after_commit_is_retried_by_the_relay_and_delivered_once()
    {
        await using var host = new OutboxHost();
        host.Transport.FailuresBeforePublish = 2;
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.EnqueueAsync(Revocation());
            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NOT NULL") == 1);
        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM effects") == 1);
        Assert.Equal(3, host.Transport.Attempts);
        Assert.Single(host.Harness.Consumed.Select<ConsentRevoked>(TestContext.Current.CancellationToken));
        Assert.Equal(3, await host.CountAsync("SELECT attempts FROM outbox_messages"));
    }

    [Fact]
    public async Task A_publish_that_never_returns_is_given_up_after_the_timeout_and_the_message_still_arrives_once()
    {
        await using var host = new OutboxHost(publishTimeout: TimeSpan.FromMilliseconds(200));
        host.Transport.HangsBeforePublish = 1;
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.EnqueueAsync(Revocation());
            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM effects") == 1);
        // At least one retry after the hang; on a loaded machine an ordinary publish may also outlast this test's short timeout.
        Assert.True(host.Transport.Attempts >= 2, $"{host.Transport.Attempts} attempts");
        Assert.StartsWith("TimeoutException", await host.ScalarAsync<string>("SELECT last_error FROM outbox_messages"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_published_twice_after_a_lost_confirm_has_one_effect()
    {
        await using var host = new OutboxHost();
        host.Transport.FailuresAfterPublish = 1;
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.EnqueueAsync(Revocation());
            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(() => host.Consumes.Completed == 2);
        Assert.Equal(2, host.Transport.Attempts);
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task A_message_delivered_twice_by_the_broker_has_one_effect()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();
        var message = Revocation();
        var messageId = Guid.NewGuid();

        await host.Harness.Bus.Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        await host.Harness.Bus.Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(() => host.Consumes.Completed == 2);
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task A_rolled_back_change_sends_nothing()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.EnqueueAsync(Revocation());
            // disposed without commit: as when the handler throws after enqueueing
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM outbox_messages"));
        Assert.Equal(0, host.Transport.Attempts);
    }

    [Fact]
    public async Task Messages_are_handed_to_the_broker_in_the_order_they_were_committed()
    {
        await using var host = new OutboxHost(maxInFlight: 4);
        await host.StartAsync();
        var reasons = Enumerable.Range(1, 20).Select(i => $"message {i}").ToList();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            foreach (var reason in reasons)
            {
                await session.EnqueueAsync(Revocation() with { Reason = reason });
            }

            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM effects") == 20);
        // The order they were handed over, not the order consumers finished in: the in-memory bus consumes concurrently.
        Assert.Equal(reasons, host.Transport.HandedOver.OfType<ConsentRevoked>().Select(m => m.Reason));
    }

    [Fact]
    public async Task Publishes_wait_for_their_confirms_together_up_to_the_bound()
    {
        await using var host = new OutboxHost(maxInFlight: 8);
        host.Transport.Confirms = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 20; i++)
            {
                await session.EnqueueAsync(Revocation());
            }

            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(() => host.Transport.MostInFlight == 8);
        host.Transport.Confirms.SetResult();
        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NOT NULL") == 20);
        Assert.Equal(8, host.Transport.MostInFlight);
        Assert.Equal(20, host.Transport.Attempts);
    }

    [Fact]
    public async Task A_failed_publish_is_sent_again_and_the_ones_beside_it_are_not()
    {
        await using var host = new OutboxHost();
        host.Transport.FailuresBeforePublish = 1;
        await host.StartAsync();

        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 5; i++)
            {
                await session.EnqueueAsync(Revocation());
            }

            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NOT NULL") == 5);
        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM effects") == 5);
        Assert.Equal(6, host.Transport.Attempts);
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE last_error IS NOT NULL"));
    }
}
