using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>No HTTP call leaves a flow that holds an open write session; before and after it, calls go as usual.</summary>
public sealed class WriteSessionGuardTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "finsam-guard-" + Guid.NewGuid().ToString("N"));
    private readonly IHost _host;

    public WriteSessionGuardTests()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Finsam:DataDirectory"] = _directory });
        builder.AddServiceDefaults("guard-test");
        builder.AddServiceDatabase<OutboxTestService>();
        // Nothing listens here: a call that leaves gets a refused connection, one that is stopped never tries.
        builder.Services.AddHttpClient("nowhere", client => client.BaseAddress = new Uri("http://127.0.0.1:9/"));
        _host = builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; it is in the temp folder.
        }
    }

    private ServiceDatabase<OutboxTestService> Database => _host.Services.GetRequiredService<ServiceDatabase<OutboxTestService>>();

    private HttpClient Client => _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("nowhere");

    [Fact]
    public async Task An_http_call_inside_a_write_session_is_refused_before_it_leaves()
    {
        await using var session = await Database.BeginAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains("inside an open write session", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_call_after_the_session_ended_goes_out()
    {
        await using (var session = await Database.BeginAsync(TestContext.Current.CancellationToken))
        {
            await session.CommitAsync();
        }

        // It leaves (and finds nobody there), so the guard did not stop it.
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetAsync("/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_read_session_does_not_stop_http_calls()
    {
        await using var read = await Database.ConnectAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetAsync("/", TestContext.Current.CancellationToken));
    }
}
