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

        // Readiness is a state the host reaches: the gateway beside it may still be seeding the demo county on a
        // loaded machine and miss the readiness probe's 3 s budget once, as an orchestrator would simply probe again.
        var ready = HttpStatusCode.ServiceUnavailable;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            ready = response.StatusCode;
            return ready == HttpStatusCode.OK;
        }, seconds: 30, describe: () => $"/health/ready answered {ready}");
        Assert.Equal(HttpStatusCode.OK, ready);

        var signIn = await client.GetStringAsync(new Uri("/logga-in", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Karin Berg", signIn, StringComparison.Ordinal);
        var start = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/logga-in", new Uri(new Uri("http://web/"), start.Headers.Location!).AbsolutePath);
    }
}
