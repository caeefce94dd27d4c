using System.Diagnostics;
using Finsam.Benchmarks.Scenarios;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// Runs the scenarios of issue 6 in turn and writes the Markdown report. A scenario that throws makes the run
/// fail (exit 1): the suite is broken. A missed target only shows as "no" in the report.
/// </summary>
public static class SuiteRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = SuiteOptions.Parse(args);
        // WebApplicationFactory finds the embedded default's content root through a manifest beside this
        // assembly, looked up from the working directory; the report path is already absolute.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var report = new Report();
        await using var load = new LoadWatch();
        var failures = new List<string>();
        var took = Stopwatch.StartNew();

        async Task StepAsync(string name, Func<Task> step)
        {
            Console.WriteLine($"== {name}");
            var watch = Stopwatch.StartNew();
            try
            {
                await step();
                Console.WriteLine($"   done in {watch.Elapsed.TotalSeconds:F1} s");
            }
            catch (Exception exception)
            {
                failures.Add($"{name}: {exception.GetType().Name}: {exception.Message}");
                Console.WriteLine($"   FAILED: {exception}");
                report.Note($"**{name} failed:** `{exception.GetType().Name}: {exception.Message}`");
            }
        }

        if (options.Runs("consent") || options.Runs("shared-view") || options.Runs("referrals"))
        {
            await using var host = EmbeddedHost.Start();
            if (options.Runs("consent"))
            {
                await StepAsync("consent decision", () => ConsentDecisionScenario.RunAsync(host, options, report));
            }

            if (options.Runs("shared-view"))
            {
                await StepAsync("shared view", () => SharedViewScenario.RunAsync(host, options, report));
            }

            if (options.Runs("referrals"))
            {
                var rows = new List<IReadOnlyList<string>>();
                await StepAsync("referral pipeline, in-memory", async () => rows.Add(await ReferralPipelineScenario.RunAsync(host, "in-memory", null, options, report)));
                await host.DisposeAsync();
                string? skipped = null;
                if (options.RabbitMq is { } rabbitMq)
                {
                    await using var onBroker = EmbeddedHost.Start(rabbitMq);
                    await StepAsync("referral pipeline, RabbitMQ", async () => rows.Add(await ReferralPipelineScenario.RunAsync(onBroker, "RabbitMQ", rabbitMq, options, report)));
                }
                else
                {
                    skipped = "RabbitMQ: **skipped**, FINSAM_RABBITMQ is not set (see bench/README.md for starting a broker node).";
                    report.Target("referral pipeline", ReferralPipelineScenario.RabbitMqTarget, "skipped: FINSAM_RABBITMQ not set", null);
                }

                ReferralPipelineScenario.Describe(report, rows, skipped);
            }
        }

        if (options.Runs("audit"))
        {
            await StepAsync("audit", () => AuditScenario.RunAsync(options, report));
        }

        if (options.Runs("startup"))
        {
            await StepAsync("embedded default start-up", () => StartupScenario.RunAsync(options, report));
        }

        if (options.Runs("micro"))
        {
            await StepAsync("micro-benchmarks", () =>
            {
                MicroBenchmarkScenario.Run(options, report);
                return Task.CompletedTask;
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
        await File.WriteAllTextAsync(options.ReportPath, report.Render(options, took.Elapsed, load));
        Console.WriteLine($"Report: {options.ReportPath}");
        Console.WriteLine(load.Noisy switch
        {
            true => $"== NOISY RUN: {load.Summary}; do not commit its figures",
            false => $"== quiet run: {load.Summary}",
            null => "== the load could not be watched here",
        });
        foreach (var target in report.Targets)
        {
            Console.WriteLine($"   {(target.Met switch { true => "met ", false => "MISS", null => "n/a " })} {target.Scenario}: {target.Target} — {target.Measured}");
        }

        if (failures.Count > 0)
        {
            Console.WriteLine($"The suite is broken: {string.Join("; ", failures)}");
            return 1;
        }

        return 0;
    }
}
