using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Finsam.Benchmarks -- --filter '*AuditSearch*'
BenchmarkSwitcher.FromAssembly(typeof(Finsam.Benchmarks.AuditSearchBenchmarks).Assembly).Run(args);
