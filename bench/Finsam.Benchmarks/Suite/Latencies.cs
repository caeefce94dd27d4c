using System.Diagnostics;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// What one measured variant did: every operation's latency and the wall time they took together. Latencies
/// are kept whole (not bucketed) because runs are short enough, and a p99 from raw samples needs no guessing.
/// </summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public TimeSpan Elapsed { get; private set; }

    public int Count => _ticks.Count;

    public int Failures { get; private set; }

    public void Add(long elapsedTicks)
    {
        lock (_ticks)
        {
            _ticks.Add(elapsedTicks);
        }
    }

    public void AddFailure()
    {
        lock (_ticks)
        {
            Failures++;
        }
    }

    public void AddElapsed(TimeSpan elapsed) => Elapsed += elapsed;

    /// <summary>Operations per second over the measured wall time.</summary>
    public double Throughput => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    public TimeSpan Median => Percentile(50);

    public TimeSpan P99 => Percentile(99);

    /// <summary>Nearest-rank percentile of the recorded latencies.</summary>
    public TimeSpan Percentile(double percent)
    {
        lock (_ticks)
        {
            if (_ticks.Count == 0)
            {
                return TimeSpan.Zero;
            }

            _ticks.Sort();
            var rank = (int)Math.Ceiling(percent / 100 * _ticks.Count) - 1;
            return TimeSpan.FromSeconds((double)_ticks[Math.Clamp(rank, 0, _ticks.Count - 1)] / Stopwatch.Frequency);
        }
    }

    /// <summary>Adds the samples of another round of the same variant (rounds alternate with the baseline's).</summary>
    public void Merge(Latencies other)
    {
        lock (_ticks)
        {
            _ticks.AddRange(other._ticks);
            Failures += other.Failures;
            Elapsed += other.Elapsed;
        }
    }
}
