using BenchmarkDotNet.Attributes;
using Finsam.Audit;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Benchmarks.Micro;

/// <summary>
/// An auditor's search by person (the first page, 50 records) through the service's own query code, against
/// the cheapest query the table can answer: the first page of everything, in primary-key order. The ratio
/// shows what the person filter costs; growth from 100k to 1M records shows how the index scales.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MedianColumn]
public class AuditSearchBenchmarks
{
    private ServiceDatabase<AuditService> _database = null!;
    private string _person = "";

    [Params(100_000, 1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = await AuditSeed.EnsureAsync(Records);
        _person = AuditSeed.PersonRef(Records / AuditSeed.RecordsPerPerson / 2);
    }

    [Benchmark(Baseline = true)]
    public Task<int> First_page_of_everything() => PageAsync(new AuditQuery(null, null, null, null, null, null, null, null, null, AuditScope.All));

    [Benchmark]
    public Task<int> First_page_for_one_person() => PageAsync(new AuditQuery(_person, null, null, null, null, null, null, null, null, AuditScope.All));

    private async Task<int> PageAsync(AuditQuery query)
    {
        var (sql, parameters) = query.Page(SqlProvider.Sqlite, 0, SearchRecords.DefaultLimit + 1);
        await using var session = await _database.ConnectAsync(CancellationToken.None);
        return (await session.QueryAsync<AuditStore.RecordRow>(sql, parameters)).Select(r => r.ToRecord()).Count();
    }
}
