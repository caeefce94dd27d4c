using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Finsam.Web.Tests;

/// <summary>The web interface in a host of its own (its container): it finds the gateway by configuration only.</summary>
public sealed class WebHostTests(WebApp gateway) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_web_host_alone_is_ready_when_its_gateway_answers_and_offers_the_gateways_demo_users()
    {
        await using var web = new WebApplicationFactory<WebEntryPoint>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Finsam:Web:Gateway", gateway.BaseUrl + "/");
            builder.UseSetting("Finsam:DevIdentity:Enabled", "true");
        });
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var signIn = await client.GetStringAsync(new Uri("/logga-in", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Karin Berg", signIn, StringComparison.Ordinal);
        var start = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/logga-in", new Uri(new Uri("http://web/"), start.Headers.Location!).AbsolutePath);
    }
}
