using Finsam.Testing.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Web.Tests;

/// <summary>
/// The embedded default as a user runs it (every service, the gateway and the web at /) on a real Kestrel port, in
/// a fresh data folder, so a browser can reach it and the web's calls to the gateway cross loopback HTTP.
/// </summary>
public class WebApp : WebApplicationFactory<Local.EmbeddedDefaultEntryPoint>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "finsam-web-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>The embedded default as the demo runs it (a class fixture: xunit needs the one parameterless constructor).</summary>
    public WebApp()
        : this(new Dictionary<string, string>())
    {
    }

    protected WebApp(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(0);
        TSqlCheck.Enable(); // every service runs here, the coordination service's meetings too
    }

    /// <summary>The embedded default with these settings besides (e.g. production sign-in instead of the development identity).</summary>
    public static WebApp With(IReadOnlyDictionary<string, string> settings) => new(settings);

    /// <summary>Where a browser points, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Finsam:DataDirectory", _dataDirectory);
        // Tests build what they need; the demo cohort is for people looking at the demo (a test may turn it on).
        builder.UseSetting("Finsam:Demo:Cohort", "false");
        builder.UseSetting("Finsam:DevIdentity:SigningKey", "dGVzdC1vbmx5LWRldi1zaWduaW5nLWtleS0zMi1ieXRlcyE=");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Contract));
    }

    /// <summary>Every answer the gateway gives in these tests, the web interface's calls included, checked against the contract.</summary>
    public ContractRecorder Contract { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the folder is in the temp directory.
        }

        TSqlCheck.ThrowIfAnyFailed();
    }
}
