using System.Globalization;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// Samples the 1-minute load average every second while the suite runs (issue 15, item 8), and how much of it is the
/// suite's own: a run during which other processes' share ever exceeded <see cref="NoisyPerCore"/> per core measured
/// its neighbours as much as Finsam, and its report says so. The suite's own share counts: 64 clients on two cores and
/// their commits waiting on the disk put the load over 3 with nothing else running (3.70 and 3.98 in two runs, ADR 0045),
/// so the total alone would call every full run noisy. Linux only (/proc); elsewhere the run is reported as unwatched.
/// </summary>
public sealed class LoadWatch : IAsyncDisposable
{
    /// <summary>Other processes' load that makes a run noisy: half a core each is already a neighbour at work.</summary>
    public const double NoisyPerCore = 0.5;

    /// <summary>The kernel's load average decays with a time constant of one minute; sampled every second, by this.</summary>
    private static readonly double Decay = Math.Exp(-1.0 / 60);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private double _highest = double.NaN;
    private double _highestFromOthers = double.NaN;
    private double _own;

    public LoadWatch() => _watching = WatchAsync();

    /// <summary>The highest 1-minute load average seen so far; NaN where it cannot be read.</summary>
    public double Highest => Volatile.Read(ref _highest);

    /// <summary>The highest 1-minute load seen so far less the suite's own share of it; NaN where it cannot be read.</summary>
    public double HighestFromOthers => Volatile.Read(ref _highestFromOthers);

    public static double Threshold => NoisyPerCore * Environment.ProcessorCount;

    /// <summary>Whether other processes' load ever went over <see cref="Threshold"/>; null when it could not be watched.</summary>
    public bool? Noisy => double.IsNaN(HighestFromOthers) ? null : HighestFromOthers > Threshold;

    /// <summary>What was seen, in words, for the report and the console.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"the 1-minute load, sampled every second, reached {Highest:F2} on {Environment.ProcessorCount} cores, of which at most {HighestFromOthers:F2} was other processes' " +
        $"(noisy above {NoisyPerCore} per core, {Threshold:F1})");

    public static double? OneMinuteLoad() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : null;

    /// <summary>The suite's threads that count in the load now: running, ready to run, or waiting on the disk (R or D).</summary>
    private static int OwnActiveThreads()
    {
        var active = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                // "pid (name) S ...": the state follows the name's closing parenthesis (a name may hold spaces).
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
                active += state is 'R' or 'D' ? 1 : 0;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return active;
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            if (OneMinuteLoad() is not { } load)
            {
                continue;
            }

            _own = (_own * Decay) + (OwnActiveThreads() * (1 - Decay));
            var fromOthers = Math.Max(0, load - _own);
            if (double.IsNaN(_highest) || load > _highest)
            {
                Volatile.Write(ref _highest, load);
            }

            if (double.IsNaN(_highestFromOthers) || fromOthers > _highestFromOthers)
            {
                Volatile.Write(ref _highestFromOthers, fromOthers);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }
}
