using Finsam.Local;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// The embedded default (every service and the gateway, SQLite files in a fresh folder) in this process on a
/// real Kestrel port, so that the gateway's calls to the services cross loopback HTTP as in production. The
/// only settings changed from deploy/Finsam.Local are the data folder, the transport when asked, and the log
/// level (Warning: the console would otherwise take a share of the two cores).
/// </summary>
public sealed class EmbeddedHost : WebApplicationFactory<EmbeddedDefaultEntryPoint>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "finsam-bench-host-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    private EmbeddedHost(Dictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>Loopback client with a pool big enough for 64 concurrent callers and more, shared by all load.</summary>
    public HttpClient Http { get; private set; } = null!;

    public FinsamClient Finsam { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public static EmbeddedHost Start(string? rabbitMq = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Finsam:Messaging:Transport"] = rabbitMq is null ? "in-memory" : "rabbitmq",
            ["Finsam:Messaging:RabbitMq"] = rabbitMq,
        };
        if (rabbitMq is not null)
        {
            // The replay of recently sent messages is for the in-memory bus only (see OutboxRelayOptions).
            settings["Finsam:Outbox:ReplaySentWithin"] = null;
        }

        var host = new EmbeddedHost(settings);
        host.StartServer();
        host.Address = SelfServiceEndpoints.OwnAddress(host.Services.GetRequiredService<IServer>());
        host.Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.Address,
        };
        host.Finsam = new FinsamClient(() => new HttpClient { BaseAddress = host.Address });
        return host;
    }

    public ServiceDatabase<TService> Database<TService>()
        where TService : ServiceDefaults.IFinsamService => Services.GetRequiredService<ServiceDatabase<TService>>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The suite's process keeps Ctrl+C and SIGTERM. The host's console lifetime would take them, stop the host and
        // leave the suite running: a run told to stop went on measuring beside the next one.
        builder.ConfigureServices(services => services.AddSingleton<IHostLifetime, SuiteOwnsSignals>());
        builder.UseSetting("Finsam:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // FINSAM_BENCH_KEEP=1 keeps the SQLite files for a look afterwards (timestamps of outboxes and inboxes
        // are how the 150 ms writer turns were found; bench/README.md).
        if (Environment.GetEnvironmentVariable("FINSAM_BENCH_KEEP") is not null)
        {
            Console.WriteLine($"Kept the embedded default's data in {_dataDirectory}");
            return;
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the folder is in the temp directory.
        }
    }

    private sealed class SuiteOwnsSignals : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
