using Finsam.Web.Gateway;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Finsam.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the gateway answers too, since without it the
/// web can show nothing. (The embedded default maps its own health endpoints, so this is the web host's only.)
/// </summary>
public static class WebHealth
{
    public const string GatewayClient = "gateway-health";

    public static IServiceCollection AddWebHealthChecks(this IServiceCollection services)
    {
        services.AddHttpClient(GatewayClient, (sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<IGatewayAddress>().BaseAddress;
            client.Timeout = TimeSpan.FromSeconds(3);
        });
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<GatewayHealthCheck>("gateway", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapWebHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions());
        return app;
    }
}

public sealed class GatewayHealthCheck(IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(WebHealth.GatewayClient).GetAsync(new Uri("health/live", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The gateway is not live.");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("The gateway does not answer.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The gateway did not answer in time.");
        }
    }
}
