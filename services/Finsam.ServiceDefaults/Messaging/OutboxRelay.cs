using System.Text.Json;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Messaging;

public sealed class OutboxRelayOptions
{
    /// <summary>How often the relay looks at the outbox when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait after a failed publish before trying again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many publishes may wait for their confirms at once. One at a time, each publish waited a broker round trip
    /// (and a disk write on a quorum queue) before the next began.
    /// </summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>
    /// How long one publish may take before the relay gives up on it and tries again (same message id). A broker
    /// that restarts while a publish waits for its confirm can leave that wait unanswered for ever (RabbitMQ's
    /// .NET client 7.2, rabbitmq-dotnet-client#1930); without a bound the relay, and every message behind it,
    /// would stop there.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With the in-memory transport a message handed to the bus is gone if the process stops before it is
    /// consumed. At start-up the relay sends again what it sent this long before, and the receivers'
    /// inboxes drop what had arrived. Null (the default) for a durable broker.
    /// </summary>
    public TimeSpan? ReplaySentWithin { get; set; }

    /// <summary>
    /// Sent outbox messages are kept this long (for replay and for looking into a delivery), then removed
    /// (<see cref="MessageRetention{TService}"/>). The audit log is the long-lived record of what was shared.
    /// </summary>
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Processed message ids are kept this long, then removed: longer than any redelivery (a broker's, a replay's, a
    /// message moved back from an error queue within the week), so that no repeat can slip past the inbox.
    /// </summary>
    public TimeSpan KeepProcessedFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the old rows are removed.</summary>
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Publishes what a service committed to its outbox, oldest first, and marks each message sent after the
/// transport accepted it. A crash between publish and mark publishes the message again with the same id,
/// which the receiver's inbox absorbs: at-least-once out, exactly-once effects.
/// </summary>
public sealed partial class OutboxRelay<TService>(
    ServiceDatabase<TService> database,
    IOutboxTransport transport,
    TimeProvider clock,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay<TService>> logger) : BackgroundService
    where TService : IFinsamService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.ReplaySentWithin is { } window)
        {
            await using var session = await database.BeginAsync(stoppingToken);
            await session.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL WHERE sent_at >= @Since", new { Since = clock.GetUtcNow() - window });
            await session.CommitAsync();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = settings.PollInterval;
            try
            {
                if (await RelayBatchAsync(settings.BatchSize, stoppingToken) == settings.BatchSize)
                {
                    continue; // more may be waiting
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRelayFailed(logger, TService.Name, exception);
                delay = settings.RetryDelay;
            }

            await database.OutboxSignal.WaitAsync(delay, stoppingToken);
        }
    }

    /// <summary>Publishes up to <paramref name="batchSize"/> messages; returns how many were published.</summary>
    public async Task<int> RelayBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        List<OutboxRow> pending;
        await using (var session = await database.ConnectAsync(cancellationToken))
        {
            pending = [.. await session.QueryAsync<OutboxRow>(session.Dialect.SelectUnsentOutbox, new { BatchSize = batchSize })];
        }

        // Publishes go out in the order they were committed, up to MaxInFlight at a time, and their confirms are awaited
        // together. Rows are marked sent together once the batch is published: one commit (one fsync on SQLite) per
        // batch instead of one per message. A crash before the mark publishes them again with the same ids, which the
        // receivers' inboxes absorb, exactly as for a crash between one publish and its mark.
        var published = new List<long>(pending.Count);
        foreach (var window in pending.Chunk(Math.Max(1, options.Value.MaxInFlight)))
        {
            var publishes = window.Select(row => PublishAsync(row, cancellationToken)).ToArray();
            try
            {
                await Task.WhenAll(publishes);
            }
            catch
            {
                // What went out is marked even when stopping, so it is not sent again. A failed message goes again on the
                // next round, after those beside it in its window: consumers never relied on order (they run
                // concurrently, and a redelivery comes late), and later windows still wait for it.
                published.AddRange(window.Where((_, i) => publishes[i].IsCompletedSuccessfully).Select(row => row.Sequence));
                await MarkSentAsync(published, CancellationToken.None);
                var failed = Array.FindIndex(publishes, publish => publish.IsFaulted);
                if (failed >= 0 && publishes[failed].Exception!.GetBaseException() is var failure and not OperationCanceledException)
                {
                    await RecordFailureAsync(window[failed], failure, cancellationToken);
                }

                throw;
            }

            published.AddRange(window.Select(row => row.Sequence));
        }

        await MarkSentAsync(published, cancellationToken);
        return published.Count;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var type = OutboxMessageTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, OutboxMessageTypes.JsonOptions)!;
        await PublishWithinTimeoutAsync(message, type, Guid.Parse(row.MessageId), cancellationToken);
    }

    private async Task MarkSentAsync(List<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        // A write session, so that the mark queues with the service's other writers (see ServiceDatabase).
        await using var mark = await database.BeginAsync(cancellationToken);
        await mark.ExecuteAsync(
            "UPDATE outbox_messages SET sent_at = @SentAt, attempts = attempts + 1 WHERE sequence IN @Sequences",
            new { SentAt = clock.GetUtcNow(), Sequences = sequences });
        await mark.CommitAsync();
    }

    private async Task PublishWithinTimeoutAsync(object message, Type type, Guid messageId, CancellationToken cancellationToken)
    {
        var timeout = options.Value.PublishTimeout;
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(timeout);
        try
        {
            // WaitAsync as well as the token: the hung publish does not always listen to its token.
            await transport.PublishAsync(message, type, messageId, publishing.Token).WaitAsync(publishing.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The transport did not confirm message {messageId} within {timeout}.");
        }
    }

    private async Task RecordFailureAsync(OutboxRow row, Exception exception, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        await session.ExecuteAsync(
            "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error WHERE sequence = @Sequence",
            new { Error = exception.GetType().Name + ": " + exception.Message[..Math.Min(exception.Message.Length, 1500)], row.Sequence });
        await session.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying the {Service} outbox failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, string service, Exception exception);

    // Binds by property: SQL Server returns attempts as int and SQLite as long, which a constructor would not accept.
    private sealed record OutboxRow
    {
        public long Sequence { get; init; }
        public string MessageId { get; init; } = "";
        public string MessageType { get; init; } = "";
        public string Body { get; init; } = "";
        public long Attempts { get; init; }
    }
}
