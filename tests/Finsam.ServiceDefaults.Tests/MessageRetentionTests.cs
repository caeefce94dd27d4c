using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Messaging;
using Finsam.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>
/// Nothing in the messaging tables grows for ever (issue 15, item 9): sent outbox messages and processed message ids
/// go once past their windows, a thousand rows per transaction; unsent messages and anything within its window stay.
/// </summary>
public sealed class MessageRetentionTests
{
    private static readonly OutboxRelayOptions Windows = new() { KeepSentFor = TimeSpan.FromDays(7), KeepProcessedFor = TimeSpan.FromDays(14) };

    private static ConsentRevoked Revocation() =>
        new(Guid.NewGuid(), "pr-0123456789abcdef0123456789abcdef", "test", new Actor("anna.lind", "clinician", "health-care", null), DateTimeOffset.UtcNow);

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static MessageRetention<OutboxTestService> RetentionAt(OutboxHost host, TimeSpan later) =>
        new(host.Database, new At(DateTimeOffset.UtcNow + later), Options.Create(Windows), NullLogger<MessageRetention<OutboxTestService>>.Instance);

    /// <summary>Two messages sent and processed, then a third the broker never takes.</summary>
    private static async Task<OutboxHost> TwoSentAndOneUnsentAsync()
    {
        var host = new OutboxHost();
        await host.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            await using var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken);
            await session.EnqueueAsync(Revocation());
            await session.CommitAsync();
        }

        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM inbox_messages") == 2);
        await Eventually.HoldsAsync(async () => await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NOT NULL") == 2);
        host.Transport.FailuresBeforePublish = int.MaxValue;
        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.EnqueueAsync(Revocation());
            await session.CommitAsync();
        }

        return host;
    }

    [Fact]
    public async Task Sent_messages_and_processed_ids_past_their_windows_go_and_an_unsent_message_stays()
    {
        await using var host = await TwoSentAndOneUnsentAsync();

        var removed = await RetentionAt(host, TimeSpan.FromDays(15)).PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal((2, 2), removed);
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL"));
        Assert.Equal((1, 0), (await host.CountAsync("SELECT COUNT(*) FROM outbox_messages"), await host.CountAsync("SELECT COUNT(*) FROM inbox_messages")));
    }

    [Fact]
    public async Task Processed_ids_outlive_the_sent_messages_they_guard_against()
    {
        await using var host = await TwoSentAndOneUnsentAsync();

        var removed = await RetentionAt(host, TimeSpan.FromDays(8)).PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal((2, 0), removed);
        Assert.Equal(2, await host.CountAsync("SELECT COUNT(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task Rows_within_their_windows_stay()
    {
        await using var host = await TwoSentAndOneUnsentAsync();

        var removed = await RetentionAt(host, TimeSpan.FromDays(1)).PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 0), removed);
        Assert.Equal(3, await host.CountAsync("SELECT COUNT(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task More_rows_than_one_transaction_takes_all_go_in_several()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();
        await using (var session = await host.Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 2_500; i++)
            {
                await session.ExecuteAsync(
                    "INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES (@MessageId, 'old', @ProcessedAt)",
                    new { MessageId = Guid.NewGuid().ToString(), ProcessedAt = DateTimeOffset.UtcNow.AddDays(-30) });
            }

            await session.CommitAsync();
        }

        var removed = await RetentionAt(host, TimeSpan.Zero).PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 2_500), removed);
        Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM inbox_messages"));
    }
}
