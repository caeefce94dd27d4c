using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// Nothing in a service's messaging tables grows for ever (issue 15, item 9): every <see cref="OutboxRelayOptions.PruneEvery"/>
/// the outbox messages sent more than <see cref="OutboxRelayOptions.KeepSentFor"/> ago and the inbox ids processed more
/// than <see cref="OutboxRelayOptions.KeepProcessedFor"/> ago are removed, a thousand rows per transaction so that the
/// service's writers never wait long behind it. Unsent messages are never removed.
/// </summary>
public sealed partial class MessageRetention<TService>(
    ServiceDatabase<TService> database, TimeProvider clock, IOptions<OutboxRelayOptions> options, ILogger<MessageRetention<TService>> logger) : BackgroundService
    where TService : IFinsamService
{
    public const int RowsPerTransaction = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(logger, TService.Name, exception);
            }
        }
    }

    /// <summary>Removes what is past its window; returns how many outbox and inbox rows went.</summary>
    public async Task<(int Outbox, int Inbox)> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outbox = await DeleteInChunksAsync(dialect => dialect.PruneSentOutbox, now - options.Value.KeepSentFor, cancellationToken);
        var inbox = await DeleteInChunksAsync(dialect => dialect.PruneInbox, now - options.Value.KeepProcessedFor, cancellationToken);
        if (outbox + inbox > 0)
        {
            LogPruned(logger, TService.Name, outbox, inbox);
        }

        return (outbox, inbox);
    }

    private async Task<int> DeleteInChunksAsync(Func<SqlDialect, string> statement, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var session = await database.BeginAsync(cancellationToken);
            var removed = await session.ExecuteAsync(statement(session.Dialect), new { Before = before, Take = RowsPerTransaction });
            await session.CommitAsync();
            total += removed;
            if (removed < RowsPerTransaction)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Outbox} sent outbox messages and {Inbox} processed message ids of the {Service} service past their windows")]
    private static partial void LogPruned(ILogger logger, string service, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing old messaging rows of the {Service} service failed; trying again at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, string service, Exception exception);
}
