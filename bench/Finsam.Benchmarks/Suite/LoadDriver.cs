using System.Diagnostics;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// A closed-loop load driver: <c>clients</c> callers each repeat one operation back to back for a while, and
/// every operation's latency is recorded. Closed loop means throughput is what the system sustains at that
/// concurrency, not an offered rate.
/// </summary>
public static class LoadDriver
{
    public static async Task<Latencies> RunAsync(Func<Task> operation, int clients, TimeSpan duration, TimeSpan warmUp)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await RunWhileAsync(operation, clients, Until(warmUp), new Latencies());
        }

        var latencies = new Latencies();
        var wall = Stopwatch.StartNew();
        await RunWhileAsync(operation, clients, Until(duration), latencies);
        latencies.AddElapsed(wall.Elapsed);
        return latencies;
    }

    /// <summary>
    /// Repeats <paramref name="operation"/> on <paramref name="clients"/> callers until the JIT has compiled nothing for
    /// <paramref name="quiet"/>, or for at most <paramref name="limit"/>; returns how long that took. Tiered compilation
    /// first runs code unoptimised and promotes hot methods in the background only once new compilations have paused,
    /// so a count of warm-up calls can end long before the steady state a long-running server is in: a
    /// decision over loopback measured 870 µs at p50 after 500 warm-up calls and 272–284 µs once the JIT was quiet.
    /// </summary>
    public static async Task<TimeSpan> WarmUpAsync(Func<Task> operation, int clients, TimeSpan quiet, TimeSpan limit)
    {
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(limit);
        var callers = RunWhileAsync(operation, clients, () => !stop.IsCancellationRequested, new Latencies()); // warming up only: nothing kept

        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested && Stopwatch.GetElapsedTime(quietSince) < quiet)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                (compiled, quietSince) = (now, Stopwatch.GetTimestamp());
            }
        }

        await stop.CancelAsync();
        await callers;
        return wall.Elapsed;
    }

    /// <summary>Runs <paramref name="operation"/> exactly <paramref name="count"/> times on one caller.</summary>
    public static async Task<Latencies> RepeatAsync(Func<Task> operation, int count, int warmUpCount)
    {
        for (var i = 0; i < warmUpCount; i++)
        {
            await operation();
        }

        var latencies = new Latencies();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }

        latencies.AddElapsed(wall.Elapsed);
        return latencies;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> exactly <paramref name="count"/> times in all, on <paramref name="callers"/>
    /// callers at once: what a queue with that many messages in flight does to the code behind it.
    /// </summary>
    public static async Task<Latencies> RepeatConcurrentlyAsync(Func<Task> operation, int count, int callers)
    {
        var latencies = new Latencies();
        var remaining = count;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                latencies.Add(Stopwatch.GetTimestamp() - started);
            }
        })));
        latencies.AddElapsed(wall.Elapsed);
        return latencies;
    }

    /// <summary>
    /// The baseline and the subject measured in alternating rounds (B, S, B, S, ...), so that a noisy
    /// neighbour on the shared machine hits both about equally.
    /// </summary>
    public static async Task<(Latencies Baseline, Latencies Subject)> AlternateAsync(
        Func<Task<Latencies>> baseline, Func<Task<Latencies>> subject, int rounds)
    {
        var baselineTotal = new Latencies();
        var subjectTotal = new Latencies();
        for (var round = 0; round < rounds; round++)
        {
            baselineTotal.Merge(await baseline());
            subjectTotal.Merge(await subject());
        }

        return (baselineTotal, subjectTotal);
    }

    private static Func<bool> Until(TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return () => Stopwatch.GetTimestamp() < stopAt;
    }

    private static async Task RunWhileAsync(Func<Task> operation, int clients, Func<bool> keepGoing, Latencies latencies)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (keepGoing())
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation();
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    // Counted and reported: a benchmark that hides errors would flatter the system.
                    latencies.AddFailure();
                }
            }
        })));
    }
}
