using Microsoft.Extensions.Configuration;

namespace Finsam.ServiceDefaults.Hosting;

/// <summary>
/// Where a service answers HTTP. Distributed: <c>Finsam:Services:{name}</c> per service (for example
/// <c>http://consent:8080/</c>). The embedded default hosts every service in its own process and replaces
/// this with its own listening address.
/// </summary>
public interface IServiceEndpoints
{
    Uri BaseAddressOf(string service);
}

public sealed class ConfiguredServiceEndpoints(IConfiguration configuration) : IServiceEndpoints
{
    public Uri BaseAddressOf(string service) =>
        new(configuration[$"Finsam:Services:{service}"]
            ?? throw new InvalidOperationException($"Finsam:Services:{service} is not configured: where does the {service} service answer?"));
}
