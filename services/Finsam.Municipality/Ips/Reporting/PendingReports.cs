using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Finsam.Municipality.Ips.Reporting;

public sealed class PendingReportsOptions
{
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sends the status reports that waited because the consent service could not answer, once it can: the
/// referrer should not miss "received" because of a network hiccup.
/// </summary>
public sealed partial class PendingReports(
    IServiceScopeFactory scopes, ServiceDatabase<MunicipalityService> database, IOptions<PendingReportsOptions> options,
    TimeProvider clock, ILogger<PendingReports> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetryInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RetryAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetryFailed(logger, exception);
            }
        }
    }

    public async Task RetryAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> pending;
        await using (var read = await database.ConnectAsync(cancellationToken))
        {
            pending = await CaseStore.WithPendingReportsAsync(read);
        }

        using var scope = scopes.CreateScope();
        var reporter = scope.ServiceProvider.GetRequiredService<ReferralReporter>();
        foreach (var caseId in pending)
        {
            IpsCase? waiting;
            await using (var read = await database.ConnectAsync(cancellationToken))
            {
                waiting = await CaseStore.FindAsync(read, caseId);
            }

            if (waiting is not { ReportPending: true })
            {
                continue;
            }

            var report = await reporter.PlanAsync(waiting, waiting.Status, Actor.System(Parties.Municipality, waiting.UnitId), cancellationToken);
            await using var session = await database.BeginAsync(cancellationToken);
            if (await CaseStore.FindAsync(session, caseId) is { ReportPending: true } ipsCase && ipsCase.Status == waiting.Status)
            {
                await reporter.WriteAsync(session, ipsCase, report, clock.GetUtcNow());
                await session.CommitAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying pending referral reports failed; trying again later")]
    private static partial void LogRetryFailed(ILogger logger, Exception exception);
}
