using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Finsam.Benchmarks.Micro;
using Finsam.Benchmarks.Suite;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// The BenchmarkDotNet micro-benchmarks that explain the end-to-end figures (the price of one chain link and of one grant,
/// the consent rules), run in this process so that the suite needs no second build. The audit search
/// micro-benchmark needs the seeded logs and is run by hand (bench/README.md); the load driver covers search.
/// </summary>
public static class MicroBenchmarkScenario
{
    public static void Run(SuiteOptions options, Report report)
    {
        var job = (options.Smoke ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(NullLogger.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "finsam-bench", "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkRunner.Run([typeof(AuditHashBenchmarks), typeof(ConsentPolicyBenchmarks), typeof(GrantBenchmarks)], config);

        var rows = new List<IReadOnlyList<string>>();
        foreach (var summary in summaries)
        {
            var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Median;
            foreach (var result in summary.Reports)
            {
                var statistics = result.ResultStatistics;
                if (statistics is null)
                {
                    rows.Add([result.BenchmarkCase.Descriptor.Type.Name, result.BenchmarkCase.Descriptor.WorkloadMethod.Name, "failed", "", "", ""]);
                    continue;
                }

                rows.Add([
                    result.BenchmarkCase.Descriptor.Type.Name,
                    result.BenchmarkCase.Descriptor.WorkloadMethod.Name + (result.BenchmarkCase.Descriptor.Baseline ? " (baseline)" : ""),
                    Report.Duration(TimeSpan.FromMicroseconds(statistics.Median / 1000)),
                    Report.Duration(TimeSpan.FromMicroseconds(statistics.Percentiles.P95 / 1000)),
                    Allocated(result),
                    baseline is { } b && b > 0 ? Report.Ratio(statistics.Median / b) : "",
                ]);
            }
        }

        report.Section("Micro-benchmarks (BenchmarkDotNet)",
            $"In process ({(options.Smoke ? "Dry job: one iteration, figures meaningless" : "ShortRun job: 3 warm-ups, 3 iterations")}); " +
            "median and 95th percentile of the per-iteration means, allocation per operation from the MemoryDiagnoser.");
        report.Table(["class", "method", "median", "p95 of iterations", "allocated", "ratio"], rows);
    }

    private static string Allocated(BenchmarkReport result) =>
        result.GcStats.GetBytesAllocatedPerOperation(result.BenchmarkCase) is { } bytes ? $"{bytes} B" : "–";
}
