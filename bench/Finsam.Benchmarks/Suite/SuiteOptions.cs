namespace Finsam.Benchmarks.Suite;

/// <summary>
/// <c>suite [--smoke] [--audit-10m] [--only name,...] [--report path]</c>. Smoke runs every scenario with tiny
/// counts to prove the suite works (CI); the full run takes some minutes. The 10M-record audit search is
/// opt-in: seeding it takes minutes and about 6 GB of disk.
/// </summary>
public sealed record SuiteOptions(bool Smoke, bool TenMillion, IReadOnlySet<string> Only, string ReportPath, string? RabbitMq)
{
    public static readonly string[] Scenarios = ["shared-view", "referrals", "audit", "consent", "startup", "micro"];

    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        var smoke = args.Contains("--smoke");
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? report = null;
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--only")
            {
                only.UnionWith(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (args[i] == "--report")
            {
                report = args[i + 1];
            }
        }

        var unknown = only.Except(Scenarios, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", Scenarios)}.");
        }

        return new SuiteOptions(
            smoke,
            args.Contains("--audit-10m"),
            only,
            // A smoke report proves only that the suite runs; it goes to the temp folder, not over the real one.
            Path.GetFullPath(report ?? (smoke ? Path.Combine(Path.GetTempPath(), "finsam-bench", "smoke-report.md") : Path.Combine(RepositoryRoot(), "bench", "results", "report.md"))),
            Environment.GetEnvironmentVariable("FINSAM_RABBITMQ") is { Length: > 0 } uri ? uri : null);
    }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    /// <summary>Measured time per variant and round: long enough for a steady state in a full run, a blink in smoke.</summary>
    public TimeSpan Duration => Smoke ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);

    public TimeSpan WarmUp => Smoke ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(2);

    /// <summary>
    /// Before a scenario measures, its operations run until the JIT has been quiet this long (<see cref="LoadDriver.WarmUpAsync"/>),
    /// for at most <see cref="WarmUpLimit"/>.
    /// </summary>
    public TimeSpan JitQuiet => Smoke ? TimeSpan.Zero : TimeSpan.FromSeconds(1);

    public TimeSpan WarmUpLimit => Smoke ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(30);

    /// <summary>Warms <paramref name="operation"/> up as every scenario does before it measures.</summary>
    public Task<TimeSpan> WarmUpAsync(Func<Task> operation, int clients = 1) => LoadDriver.WarmUpAsync(operation, clients, JitQuiet, WarmUpLimit);

    /// <summary>Alternating baseline/subject rounds per measured point.</summary>
    public int Rounds => Smoke ? 1 : 2;

    /// <summary>The folder holding Finsam.sln, found from the working directory or from this assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Finsam.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the suite from inside the repository (Finsam.sln was not found above the working directory).");
    }
}
