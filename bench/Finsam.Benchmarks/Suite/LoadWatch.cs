using System.Globalization;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// Samples the 1-minute load average every second while the suite runs (issue 15, item 8): a run during which it ever
/// exceeded <see cref="NoisyPerCore"/> per core measured its neighbours as much as Finsam, and its report says so. Linux
/// only (/proc/loadavg); elsewhere the run is reported as unwatched.
/// </summary>
public sealed class LoadWatch : IAsyncDisposable
{
    public const double NoisyPerCore = 1.5;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private double _highest = double.NaN;

    public LoadWatch() => _watching = WatchAsync();

    /// <summary>The highest 1-minute load average seen so far; NaN where it cannot be read.</summary>
    public double Highest => Volatile.Read(ref _highest);

    public static double Threshold => NoisyPerCore * Environment.ProcessorCount;

    /// <summary>Whether the load ever went over <see cref="Threshold"/>; null when it could not be watched.</summary>
    public bool? Noisy => double.IsNaN(Highest) ? null : Highest > Threshold;

    public static double? OneMinuteLoad() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : null;

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            if (OneMinuteLoad() is { } load && (double.IsNaN(_highest) || load > _highest))
            {
                Volatile.Write(ref _highest, load);
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
