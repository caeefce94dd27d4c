using Finsam.Audit.Recording;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Finsam.Audit.Checkpoints;

/// <summary>
/// Removes records older than <see cref="AuditOptions.RetentionDays"/> once an hour, keeping the chain
/// verifiable under a signed retention cut (see <see cref="AuditLog.RemoveBeforeAsync"/>), and never cutting a
/// chain that is already broken. Off unless a retention period is configured.
/// </summary>
public sealed partial class Retention(
    AuditLog log, ServiceDatabase<AuditService> database, IOptions<AuditOptions> options, TimeProvider clock, ILogger<Retention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await ApplyAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetentionFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Removes what has expired. Returns how many records were removed.</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return 0;
        }

        long? firstKept;
        await using (var session = await database.ConnectAsync(cancellationToken))
        {
            // The first record that is not expired; everything before it in the chain goes. When all have
            // expired the newest stays, right after the signed cut, so the log never looks emptier than it was.
            firstKept = await session.ExecuteScalarAsync<long?>(
                "SELECT COALESCE(MIN(CASE WHEN recorded_at >= @Cutoff THEN sequence END), MAX(sequence)) FROM audit_records",
                new { Cutoff = clock.GetUtcNow().AddDays(-days) });
        }

        var outcome = firstKept is { } kept ? await log.RemoveBeforeAsync(kept, cancellationToken) : RetentionOutcome.Nothing;
        if (outcome.RefusedBecause is { } broken)
        {
            LogRefused(logger, broken.FirstInvalidSequence, broken.Problem);
        }
        else if (outcome is { Removed: > 0, Cut: { } cut })
        {
            LogRemoved(logger, outcome.Removed, days, cut.Sequence);
        }

        return outcome.Removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} audit records older than {Days} days; a signed retention cut at record {CutSequence} anchors the rest")]
    private static partial void LogRemoved(ILogger logger, int count, int days, long cutSequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit retention refused to remove anything: the chain is already invalid at record {Sequence} ({Problem}). Investigate before records are removed; retention tries again in an hour")]
    private static partial void LogRefused(ILogger logger, long? sequence, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying audit retention failed; trying again in an hour")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);
}
