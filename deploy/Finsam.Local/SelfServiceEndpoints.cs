using Finsam.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Finsam.Local;

/// <summary>
/// In the embedded default every service answers on this process's own address, so the gateway's calls to
/// services go over loopback HTTP exactly as they would across hosts.
/// </summary>
public sealed class SelfServiceEndpoints(IServer server) : IServiceEndpoints
{
    public Uri BaseAddressOf(string service) => OwnAddress(server);

    public static Uri OwnAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server has no addresses yet.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}

/// <summary>The web interface's gateway is this process: the same loopback address the services use.</summary>
public sealed class SelfGatewayAddress(IServer server) : Finsam.Web.Gateway.IGatewayAddress
{
    public Uri BaseAddress => SelfServiceEndpoints.OwnAddress(server);
}
