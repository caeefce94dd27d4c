using BenchmarkDotNet.Running;
using Finsam.Benchmarks;
using Finsam.Benchmarks.Micro;
using Finsam.Benchmarks.Scenarios;
using Finsam.Benchmarks.Suite;

// dotnet run -c Release --project bench/Finsam.Benchmarks -- suite [--smoke] [--audit-10m] [--only audit,...] [--report path]
//   the whole suite and its Markdown report (bench/README.md)
// dotnet run -c Release --project bench/Finsam.Benchmarks -- seed-audit 10000000
//   seeds a chained audit log ahead of a run (the 10M one takes long)
// dotnet run -c Release --project bench/Finsam.Benchmarks -- --filter '*AuditSearch*'
//   one BenchmarkDotNet class by hand, as BenchmarkDotNet runs it (separate processes)
switch (args.FirstOrDefault())
{
    case "suite":
        return await SuiteRunner.RunAsync(args[1..]);
    case "seed-audit":
        await AuditSeed.EnsureAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case "empty-web":
        StartupScenario.RunEmptyWeb(args[1..]);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(AuditSearchBenchmarks).Assembly).Run(args);
        return 0;
}
