using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Finsam.Testing;

/// <summary>The standard resilience handler with the same attempts and retries, but each attempt cut short.</summary>
public static class ShortHttpAttempts
{
    /// <summary>300 ms per attempt and 10 ms between retries, so that a test of a hanging system does not wait the real ten seconds per attempt.</summary>
    public static void Apply(IServiceCollection services) => services.PostConfigureAll<HttpStandardResilienceOptions>(options =>
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(300);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
    });
}
