using System.Collections.Concurrent;
using System.Diagnostics;
using Finsam.ServiceDefaults.Hosting;

namespace Finsam.Distributed.Tests.Cluster;

/// <summary>
/// One host (a service's or the gateway's own Program.cs) running as an operating-system process, started
/// from its built dll with configuration in environment variables, as a container would run it.
/// </summary>
public sealed class ServiceProcess(string service, Uri address, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public string Service => service;

    public Uri Address => address;

    /// <summary>Everything the process wrote, across restarts.</summary>
    public IEnumerable<string> Output => _output;

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{service} is already running.");
        }

        var start = new ProcessStartInfo("dotnet", [HostAssembly(service)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitUntilReadyAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{service} exited before it was ready:\n{Tail()}");
            }

            try
            {
                if ((await Probe.GetAsync(new Uri(address, "health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{service} was not ready within {patience}:\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary><c>kill -9</c>: no shutdown, no flush, no acknowledgement of what it was doing.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a container: the host finishes what it has in hand and exits. Waits for
    /// the exit, at most <paramref name="patience"/> (default: the hosts' shutdown timeout and some seconds for the
    /// runtime to exit), and says how it went.
    /// </summary>
    public async Task<Stopped> StopAsync(TimeSpan? patience = null)
    {
        if (!IsRunning)
        {
            return new Stopped(_process?.ExitCode ?? 0, TimeSpan.Zero);
        }

        var waited = Stopwatch.StartNew();
        using (var term = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
            if (term.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {_process.Id} failed ({term.ExitCode}).");
            }
        }

        var limit = patience ?? GracefulShutdown.DefaultTimeout + TimeSpan.FromSeconds(15);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{service} did not exit within {limit} of SIGTERM:\n{Tail()}");
        }

        return new Stopped(_process.ExitCode, waited.Elapsed);
    }

    /// <summary>How a process ended after SIGTERM: its exit code, and how long after the signal.</summary>
    public sealed record Stopped(int ExitCode, TimeSpan Elapsed);

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    public ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            Kill();
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>The host's dll as the build left it: <c>{repo}/{services|gateway}/Finsam.X/bin/{configuration}/net10.0/Finsam.X.dll</c>.</summary>
    private static string HostAssembly(string service)
    {
        var project = ProjectNames[service];
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var folder = service == "gateway" ? "gateway" : "services";
        var path = Path.Combine(TestPaths.RepositoryRoot, folder, project, "bin", testOutput.Parent!.Name, testOutput.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: {path} is missing.", path);
    }

    private static readonly Dictionary<string, string> ProjectNames = new()
    {
        ["gateway"] = "Finsam.Gateway",
        ["consent"] = "Finsam.Consent",
        ["healthcare"] = "Finsam.HealthCare",
        ["municipality"] = "Finsam.Municipality",
        ["audit"] = "Finsam.Audit",
        ["coordination"] = "Finsam.Coordination",
        ["follow-up"] = "Finsam.FollowUp",
        ["arbetsformedlingen"] = "Finsam.Arbetsformedlingen",
        ["forsakringskassan"] = "Finsam.Forsakringskassan",
    };
}
