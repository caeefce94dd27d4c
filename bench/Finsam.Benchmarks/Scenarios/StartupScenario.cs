using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Finsam.Benchmarks.Suite;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// Issue 6, scenario 5. The real <c>deploy/Finsam.Local</c> process, started as a user starts it in a fresh
/// folder (so it migrates every database and seeds the demo county), timed from process start to the first
/// 200 from <c>/health/ready</c>; resident memory read from /proc. The baseline is the smallest ASP.NET Core
/// app on the same runtime (this assembly in <c>empty-web</c> mode, one endpoint): what any .NET web
/// process costs on this machine.
/// </summary>
public static class StartupScenario
{
    public static async Task RunAsync(SuiteOptions options, Report report)
    {
        var local = LocalExecutable();
        var bench = OwnExecutable();
        var starts = options.Smoke ? 1 : 3;
        var baseline = new List<Start>();
        var subject = new List<Start>();
        for (var i = 0; i < starts; i++)
        {
            baseline.Add(await StartAsync(bench.File, [.. bench.Arguments, "empty-web"], "/health/ready", options.Smoke));
            subject.Add(await StartAsync(local.File, local.Arguments, "/logga-in", options.Smoke));
        }

        var ready = Median(subject.Select(s => s.Ready.TotalMilliseconds));
        var rss = Median(subject.Select(s => (double)s.SettledRss));
        var (readyRatio, rssRatio) = (ready / Median(baseline.Select(s => s.Ready.TotalMilliseconds)), rss / Median(baseline.Select(s => (double)s.SettledRss)));
        report.Target("embedded default", "ready ≤ 2× an empty ASP.NET Core app", Report.Ratio(readyRatio), readyRatio <= 2);
        report.Target("embedded default", "resident memory ≤ 2× an empty ASP.NET Core app", Report.Ratio(rssRatio), rssRatio <= 2);
        report.Target("embedded default", "ready in ≤ 5 s", Report.Duration(TimeSpan.FromMilliseconds(ready)), ready <= 5000);
        report.Target("embedded default", "≤ 400 MB resident", $"{rss / 1024 / 1024:F0} MB", rss <= 400L * 1024 * 1024);
        var firstScreen = Median(subject.Select(s => s.FirstScreen.TotalMilliseconds));
        report.Target("embedded default", "first screen (sign-in) served in ≤ 1 s after ready", Report.Duration(TimeSpan.FromMilliseconds(firstScreen)), firstScreen <= 1000);
        report.Section("5. Embedded default: start-up and memory",
            $"{starts} cold start(s) each, alternating, every one in a fresh folder (`Finsam:DataDirectory`; migrations and the demo county's seeding included; settings otherwise as shipped), " +
            "timed from process start to the first 200 from `/health/ready`; then the first screen a person opens (`/logga-in`, the whole page read; the baseline's one endpoint) fetched once, cold. RSS is read from /proc at ready and again 3 s later (settled, the figure for the target; 0.5 s in smoke mode), " +
            "with the peak (VmHWM). Baseline: an empty ASP.NET Core app with one endpoint on the same runtime. Medians.");
        report.Table(["variant", "ready", "first screen", "RSS at ready", "RSS settled", "peak RSS", "ratio (ready)", "ratio (settled RSS)"],
        [
            ["empty ASP.NET Core app (baseline)", Report.Duration(TimeSpan.FromMilliseconds(Median(baseline.Select(s => s.Ready.TotalMilliseconds)))),
                Report.Duration(TimeSpan.FromMilliseconds(Median(baseline.Select(s => s.FirstScreen.TotalMilliseconds)))),
                Megabytes(Median(baseline.Select(s => (double)s.ReadyRss))), Megabytes(Median(baseline.Select(s => (double)s.SettledRss))), Megabytes(Median(baseline.Select(s => (double)s.PeakRss))), "", ""],
            ["Finsam.Local (embedded default)", Report.Duration(TimeSpan.FromMilliseconds(ready)), Report.Duration(TimeSpan.FromMilliseconds(firstScreen)),
                Megabytes(Median(subject.Select(s => (double)s.ReadyRss))), Megabytes(rss), Megabytes(Median(subject.Select(s => (double)s.PeakRss))),
                Report.Ratio(readyRatio), Report.Ratio(rssRatio)],
        ]);
    }

    /// <summary>The smallest web app: the baseline's process.</summary>
    public static void RunEmptyWeb(string[] args)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/health/ready", () => "Healthy");
        app.Run();
    }

    private sealed record Start(TimeSpan Ready, TimeSpan FirstScreen, long ReadyRss, long SettledRss, long PeakRss);

    private static async Task<Start> StartAsync(string file, IReadOnlyList<string> arguments, string firstScreen, bool smoke)
    {
        var folder = Path.Combine(Path.GetTempPath(), "finsam-bench-start-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        // The content root (appsettings.json) is the build folder, as `dotnet run` would have the project folder;
        // the data goes to a fresh folder so that every start migrates and seeds like a first run.
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = Path.GetDirectoryName(arguments.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) ?? file),
            Environment = { ["Finsam__DataDirectory"] = folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            info.ArgumentList.Add(argument);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode} before it was ready.");
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(120))
                {
                    throw new TimeoutException($"{Path.GetFileName(file)} was not ready within two minutes.");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening but slow to answer while it starts.
                }

                await Task.Delay(20);
            }

            var ready = clock.Elapsed;
            var readyRss = Memory(process.Id, "VmRSS");
            using var reader = new HttpClient { Timeout = TimeSpan.FromSeconds(30) }; // a slow first screen is measured, not cut off
            var screen = Stopwatch.StartNew();
            _ = await reader.GetStringAsync(new Uri($"http://127.0.0.1:{port}{firstScreen}"));
            screen.Stop();
            await Task.Delay(TimeSpan.FromSeconds(smoke ? 0.5 : 3));
            return new Start(ready, screen.Elapsed, readyRss, Memory(process.Id, "VmRSS"), Memory(process.Id, "VmHWM"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned some other day.
            }
        }
    }

    /// <summary>A /proc/{pid}/status figure in bytes (Linux; 0 elsewhere).</summary>
    private static long Memory(int processId, string field)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>deploy/Finsam.Local as built beside this suite (same configuration), run through its own apphost or dotnet.</summary>
    private static (string File, string[] Arguments) LocalExecutable()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        var folder = Path.Combine(SuiteOptions.RepositoryRoot(), "deploy", "Finsam.Local", "bin", configuration, "net10.0");
        return Executable(folder, "Finsam.Local");
    }

    private static (string File, string[] Arguments) OwnExecutable() => Executable(AppContext.BaseDirectory, "Finsam.Benchmarks");

    private static (string File, string[] Arguments) Executable(string folder, string name)
    {
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name);
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        var dll = Path.Combine(folder, name + ".dll");
        return File.Exists(dll) ? ("dotnet", [dll]) : throw new FileNotFoundException($"{name} is not built in {folder}; build the solution first.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Megabytes(double bytes) => $"{bytes / 1024 / 1024:F0} MB";
}
