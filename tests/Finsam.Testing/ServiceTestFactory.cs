using System.Net.Http.Headers;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Testing;

/// <summary>
/// One service alone, as its own Program.cs builds it, on a fresh SQLite folder, with MassTransit's test
/// harness in place of the transport (its consumers stay). The consent service is unreachable unless a test
/// points <c>Finsam:Services:consent</c> somewhere, so decisions fail closed.
/// </summary>
public class ServiceTestFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "finsam-test-" + Guid.NewGuid().ToString("N"));

    public ServiceTestFactory() => TSqlCheck.Enable();

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>Extra settings, applied last.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Finsam:Services:consent"] = "http://127.0.0.1:9/",
        // As in the demo county: one auditor reviews every party's records (only the audit service reads it).
        ["Finsam:Audit:JointAuditors:0"] = DemoActors.JointAuditor.UserId,
    };

    /// <summary>
    /// MassTransit's test harness in place of the configured transport (the default). Off, the service runs on
    /// the transport its settings name, for tests against a real broker.
    /// </summary>
    public bool UseTestHarness { get; init; } = true;

    /// <summary>Replacements for this test, applied after the service's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public HttpClient ClientWithGrant(string audience, Actor actor, string purpose = "ips-support", string? personRef = null, IEnumerable<string>? categories = null, string issuer = "gateway")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(GrantDefaults.HeaderName, Services.GetRequiredService<GrantIssuer>().Issue(issuer, audience, actor, purpose, personRef, categories));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "demo-county.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Finsam:DataDirectory"] = _dataDirectory,
                ["Finsam:Grants:EphemeralKeys"] = "true",
                ["Finsam:Outbox:PollInterval"] = "00:00:00.100",
                ["Finsam:Outbox:RetryDelay"] = "00:00:00.100",
            }));
        // Host settings apply before Program.cs reads configuration; app configuration above applies only at Build().
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // The harness stops waiting after this long without bus activity. A cold host on a busy CI machine
            // can take over a second before its outbox relay publishes, so the default (about 1.2 s) is too short.
            if (UseTestHarness)
            {
                services.AddMassTransitTestHarness(bus => bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5)));
                services.StartBusAfterServer();
            }

            TestServices?.Invoke(services);
        });
    }

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

/// <summary>Demo staff of the seeded county, as the actors a grant names.</summary>
public static class DemoActors
{
    public static readonly Actor Clinician = new("anna.lind", "clinician", "health-care", "halsingland-psykiatri");
    public static readonly Actor OvanakerCoordinator = new("karin.berg", "coordinator", "municipality", "ovanaker-ips");
    public static readonly Actor OvanakerCoach = new("erik.holm", "coach", "municipality", "ovanaker-ips");
    public static readonly Actor BollnasCoordinator = new("maria.ek", "coordinator", "municipality", "bollnas-ips");
    /// <summary>The municipality's auditor: reviews the records where the municipality is source, recipient or actor.</summary>
    public static readonly Actor Auditor = new("ulla.svensson", "auditor", "municipality", "ovanaker-dataskydd");

    /// <summary>The association's data protection officer, configured as the joint auditor: reviews every record.</summary>
    public static readonly Actor JointAuditor = new("britt.nord", "auditor", "municipality", "ovanaker-dataskydd");

    /// <summary>Finsam Hälsingland's analyst: follows up the association's interventions from de-identified figures.</summary>
    public static readonly Actor Analyst = new("greta.dahl", "analyst", "samordningsforbund", "finsam-halsingland");
}
