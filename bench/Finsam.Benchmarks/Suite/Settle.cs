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
    public static async Task<TimeSpan> UntilQuietAsync(ServiceDatabase<GatewayService> gateway, ServiceDatabase<AuditService> audit, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        long lastCount = -1;
        while (waited.Elapsed < patience)
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

            if (unsent == 0 && records == lastCount)
            {
                break;
            }

            lastCount = records;
            await Task.Delay(300);
        }

        return waited.Elapsed;
    }
}
