using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Finsam.ServiceDefaults.Data;

public sealed class DatabaseHealthCheck<TService>(ServiceDatabase<TService> database) : IHealthCheck
    where TService : IFinsamService
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = await database.ConnectAsync(cancellationToken);
            // The outbox table exists once migrations ran, so this also says the schema is in place.
            await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL");
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The {TService.Name} database is not reachable.", exception);
        }
    }
}
