using System.Collections.Concurrent;
using System.Diagnostics;
using Finsam.Testing.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The embedded default as a user runs it (every service, the gateway, in-memory bus, SQLite files in a fresh
/// folder) on a real Kestrel port, so the gateway's calls to services cross loopback HTTP. Everything logged
/// and every trace span is captured, with the structured values a sink or exporter would write, for the
/// privacy checks.
/// </summary>
public class FinsamApp : WebApplicationFactory<Local.EmbeddedDefaultEntryPoint>
{
    public const string DevSigningKey = "dGVzdC1vbmx5LWRldi1zaWduaW5nLWtleS0zMi1ieXRlcyE=";

    private readonly string _dataDirectory;
    private readonly bool _ownsData;
    private readonly ActivityListener _listener;

    /// <summary>Where every service of this host keeps its SQLite database ({service}.db).</summary>
    public string DataDirectory => _dataDirectory;

    public FinsamApp()
        : this(Path.Combine(Path.GetTempPath(), "finsam-e2e-" + Guid.NewGuid().ToString("N")), ownsData: true)
    {
    }

    /// <summary>The embedded default on the databases in <paramref name="dataDirectory"/>, kept after it stops unless it <paramref name="ownsData"/> (a restart test).</summary>
    protected FinsamApp(string dataDirectory, bool ownsData)
    {
        _dataDirectory = dataDirectory;
        _ownsData = ownsData;
        UseKestrel(0);
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Spans.Add(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Every answer the gateway gives in these tests, checked against the contract as it leaves.</summary>
    public ContractRecorder Contract { get; } = new();

    public ConcurrentBag<string> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Finsam:DataDirectory", _dataDirectory);
        // Tests build what they need; the demo cohort is for people looking at the demo (a test may turn it on).
        builder.UseSetting("Finsam:Demo:Cohort", "false");
        builder.UseSetting("Finsam:DevIdentity:SigningKey", DevSigningKey);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Contract));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _listener.Dispose();
            TryDeleteDataDirectory();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (Exception exception)
        {
            // xunit reports a fixture that fails to stop by its exception type alone; what stopping threw, and what
            // the host logged last, go to TestResults/cleanup/ (CI prints them) so the cause can be found.
            var folder = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "cleanup");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"finsam-app-{Guid.NewGuid():N}.log"),
                exception + Environment.NewLine + string.Join(Environment.NewLine, LogLines.TakeLast(200)));
            throw;
        }

        GC.SuppressFinalize(this);
        _listener.Dispose();
        TryDeleteDataDirectory();
    }

    private void TryDeleteDataDirectory()
    {
        if (!_ownsData)
        {
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

    /// <summary>
    /// Everything a trace exporter could send: names, tags, events with their tags, links, status, trace state
    /// and baggage (which propagates to every downstream call).
    /// </summary>
    private static string Describe(Activity activity) =>
        string.Join(' ', new[] { activity.DisplayName, activity.OperationName, activity.StatusDescription, activity.TraceStateString }
            .Concat(Pairs(activity.TagObjects))
            .Concat(activity.Events.SelectMany(e => Pairs(e.Tags).Prepend(e.Name)))
            .Concat(activity.Links.SelectMany(l => Pairs(l.Tags ?? [])))
            .Concat(activity.Baggage.Select(b => $"{b.Key}={b.Value}")));

    private static IEnumerable<string> Pairs(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        pairs.Select(p => $"{p.Key}={Render(p.Value)}");

    /// <summary>A structured value as a sink would write it; a collection's ToString is only its type name.</summary>
    private static string Render(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(' ', Pairs(pairs)),
        System.Collections.IEnumerable items => string.Join(',', items.Cast<object?>().Select(Render)),
        _ => value.ToString() ?? "",
    };

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state} {Render(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {Render(state)} {exception}");
    }
}
