using Finsam.Audit.Recording;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Checkpoints;

/// <summary>Signs the head every <see cref="AuditOptions.CheckpointInterval"/> when there is anything new, so a quiet log is covered too.</summary>
public sealed partial class Checkpointer(AuditLog log, IOptions<AuditOptions> options, TimeProvider clock, ILogger<Checkpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await log.CheckpointAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckpointFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed; trying again at the next interval")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
