using System.Diagnostics;
using Finsam.Audit;
using Finsam.Gateway;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// Waits until what a measured round set off has finished in the background: the gateway's outbox is sent and
/// the audit log has stopped growing. Otherwise one round's backlog would slow the next (often the baseline's).
/// </summary>
public static class Settle
{
    /// <summary>How often the stores are looked at: the resolution of the catch-up time.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>How long nothing may change before the round's work counts as done.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns when the last of it happened: the last time the outbox held unsent messages or the audit log grew.</summary>
    public static async Task<TimeSpan> UntilQuietAsync(ServiceDatabase<GatewayService> gateway, ServiceDatabase<AuditService> audit, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        long lastCount = -1;
        var lastActivity = TimeSpan.Zero;
        while (waited.Elapsed < patience && waited.Elapsed - lastActivity < Quiet)
        {
            long unsent, records;
            await using (var session = await gateway.ConnectAsync(CancellationToken.None))
            {
                unsent = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL");
            }

            await using (var session = await audit.ConnectAsync(CancellationToken.None))
            {
                records = await session.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(sequence), 0) FROM audit_records");
            }

            if (unsent > 0 || (records != lastCount && lastCount >= 0))
            {
                lastActivity = waited.Elapsed;
            }

            lastCount = records;
            await Task.Delay(Tick);
        }

        return lastActivity;
    }
}
