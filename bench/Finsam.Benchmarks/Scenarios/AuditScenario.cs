using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Finsam.Audit;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Proofs;
using Finsam.Transparency;
using Finsam.Audit.Recording;
using Finsam.Audit.Searching;
using Finsam.Audit.Verifying;
using Finsam.Benchmarks.Suite;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Finsam.Benchmarks.Scenarios;

/// <summary>
/// Issue 6, scenario 3, on SQLite files as the embedded default keeps them. Ingest: the audit log's own
/// append (dedupe by message id, read the head, hash, insert, a signed checkpoint every 1,000) one record per
/// transaction as the consumer calls it, against plain inserts of the same rows, also one per transaction.
/// Search: an auditor's first page for one person against the first page of everything, at growing sizes.
/// Verify: the stored chain through the verifier against reading the same rows.
/// </summary>
public static class AuditScenario
{
    public static async Task RunAsync(SuiteOptions options, Report report)
    {
        await IngestAsync(options, report);
        var sizes = options.Smoke ? new[] { 1_000, 10_000 } : options.TenMillion ? [100_000, 1_000_000, 10_000_000] : [100_000, 1_000_000];
        await SearchAsync(sizes, options, report);
        // Verify throughput is records per second whatever the size; a million records take half a minute a
        // pass here, ten million would take many minutes for the same figure.
        await VerifyAsync(sizes.Where(size => size <= 1_000_000).Max(), options, report);
    }

    private static async Task IngestAsync(SuiteOptions options, Report report)
    {
        var folder = Path.Combine(Path.GetTempPath(), "finsam-bench-ingest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chained = await FreshDatabaseAsync(Path.Combine(folder, "chained"));
            var plain = await FreshDatabaseAsync(Path.Combine(folder, "plain"));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Finsam:DataDirectory"] = folder }).Build();
            using var key = new AuditSigningKey(configuration, NullLogger<AuditSigningKey>.Instance);
            var noteKey = new AuditNoteKey(configuration, Options.Create(new AuditOptions()), NullLogger<AuditNoteKey>.Instance);
            using var log = new AuditLog(chained, key, noteKey, Options.Create(new AuditOptions()), TimeProvider.System);
            var count = options.Smoke ? 200 : 5_000;
            long plainSequence = 0;
            var previous = AuditOutcomes.GenesisHash;

            async Task AppendChainedAsync()
            {
                await log.AppendAsync(Row(0, ""), MessageId(), CancellationToken.None);
            }

            async Task InsertPlainAsync()
            {
                // The same row the chain would store (hash included, computed beforehand), written without the chain's work.
                var row = Row(++plainSequence, previous);
                row = row with { Hash = row.ComputeHash() };
                previous = row.Hash;
                await using var session = await plain.BeginAsync(CancellationToken.None);
                await AuditStore.InsertAsync(session, row, MessageId().ToString());
                await session.CommitAsync();
            }

            var (baseline, subject) = await LoadDriver.AlternateAsync(
                () => LoadDriver.RepeatAsync(InsertPlainAsync, count, count / 10),
                () => LoadDriver.RepeatAsync(AppendChainedAsync, count, count / 10),
                options.Rounds);
            // Not a product path: how far one commit per record is from the ceiling. Each SQLite commit in WAL
            // mode with synchronous=FULL (the default) waits for an fsync; a hundred rows per commit share one.
            const int perCommit = 100;
            var batched = await FreshDatabaseAsync(Path.Combine(folder, "batched"));
            long batchedSequence = 0;

            async Task InsertHundredAsync()
            {
                await using var session = await batched.BeginAsync(CancellationToken.None);
                for (var i = 0; i < perCommit; i++)
                {
                    var row = Row(++batchedSequence, previous);
                    row = row with { Hash = row.ComputeHash() };
                    previous = row.Hash;
                    await AuditStore.InsertAsync(session, row, MessageId().ToString());
                }

                await session.CommitAsync();
            }

            var hundreds = await LoadDriver.RepeatAsync(InsertHundredAsync, Math.Max(2, count / perCommit), 1);
            var checkpoints = 0L;
            await using (var session = await chained.ConnectAsync(CancellationToken.None))
            {
                checkpoints = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints");
            }

            await GroupCommitAsync(folder, key, noteKey, options, report);
            report.Section("3a. Audit ingest",
                $"One record per transaction, one writer, as the audit consumer appends. The chained log signed {checkpoints} checkpoints during the run. " +
                "Plain inserts store the same row, hash included (computed in the operation: hashing is not what is being isolated), without the dedupe check, head read or checkpoints. Ratio is plain ÷ chained throughput.");
            report.Table(["variant", "records/s", "p50", "p99", "records", "ratio"],
            [
                ["plain inserts (baseline)", Report.Rate(baseline.Throughput), Report.Duration(baseline.Median), Report.Duration(baseline.P99), Report.Number(baseline.Count), ""],
                ["audit log: dedupe + head + hash + insert + checkpoints", Report.Rate(subject.Throughput), Report.Duration(subject.Median), Report.Duration(subject.P99), Report.Number(subject.Count),
                    Report.Ratio(baseline.Throughput / subject.Throughput)],
                ["for scale, not a product path: plain inserts, 100 per commit", Report.Rate(hundreds.Throughput * perCommit), "", "", Report.Number(hundreds.Count * perCommit), ""],
            ]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(folder);
        }
    }

    /// <summary>
    /// Issue 15, item 1: the audit log as its queue feeds it, with a batch's worth of messages in flight (the audit
    /// endpoint's prefetch), so that appends share commits; against plain inserts of the same rows in batches of the size
    /// the writer actually formed, one transaction each (the fair baseline: the same fsyncs, none of the chain's work).
    /// </summary>
    private static async Task GroupCommitAsync(string folder, AuditSigningKey key, AuditNoteKey noteKey, SuiteOptions options, Report report)
    {
        var settings = new AuditOptions();
        var chained = await FreshDatabaseAsync(Path.Combine(folder, "group-chained"));
        var plain = await FreshDatabaseAsync(Path.Combine(folder, "group-plain"));
        using var log = new AuditLog(chained, key, noteKey, Options.Create(settings), TimeProvider.System);
        var count = options.Smoke ? 1_000 : 50_000;
        var callers = settings.BatchSize;
        long plainSequence = 0;
        var previous = AuditOutcomes.GenesisHash;

        Task<Latencies> Chained() => LoadDriver.RepeatConcurrentlyAsync(() => log.AppendAsync(Row(0, ""), MessageId(), CancellationToken.None), count, callers);

        // The writer's mean batch in the first (warm-up) run sizes the baseline's batches.
        var batchesBefore = log.BatchesCommitted;
        await Chained();
        var batchSize = Math.Max(1, (int)Math.Round((double)count / Math.Max(1, log.BatchesCommitted - batchesBefore)));

        async Task InsertBatchAsync()
        {
            // The writer's own insert path (one command, values rebound per row), so only the chain's work differs.
            var rows = new List<(AuditRecord, string)>(batchSize);
            for (var i = 0; i < batchSize; i++)
            {
                var row = Row(++plainSequence, previous);
                row = row with { Hash = row.ComputeHash() };
                previous = row.Hash;
                rows.Add((row, MessageId().ToString()));
            }

            await using var session = await plain.BeginAsync(CancellationToken.None);
            await AuditStore.InsertAllAsync(session, rows);
            await session.CommitAsync();
        }

        var (baseline, subject) = await LoadDriver.AlternateAsync(
            () => LoadDriver.RepeatAsync(InsertBatchAsync, Math.Max(1, count / batchSize), 0),
            Chained,
            options.Rounds);
        var baselineRate = baseline.Throughput * batchSize;
        report.Target("audit", "≥ 50,000 records/s ingest with the chain, group commit", $"{Report.Rate(subject.Throughput)} records/s", subject.Throughput >= 50_000);
        report.Target("audit", "group commit ≥ 0.5× plain inserts in the same batches", Report.Ratio(subject.Throughput / baselineRate), subject.Throughput >= 0.5 * baselineRate);
        report.Section("3a′. Audit ingest with group commit",
            $"{callers} appends in flight (the audit queue's prefetch), {Report.Number(count)} records a round; the writer formed batches of {batchSize} on average. " +
            "The baseline inserts the same rows (hash computed in the operation) in batches of that size, one transaction each, on one caller. Durable: WAL with synchronous=FULL, one fsync per commit. Ratio is chained ÷ plain throughput.");
        report.Table(["variant", "records/s", "p50 per record", "p99 per record", "records", "ratio"],
        [
            [$"plain inserts, {batchSize} per commit (baseline)", Report.Rate(baselineRate), "", "", Report.Number(baseline.Count * batchSize), ""],
            ["audit log, group commit", Report.Rate(subject.Throughput), Report.Duration(subject.Median), Report.Duration(subject.P99), Report.Number(subject.Count),
                Report.Ratio(subject.Throughput / baselineRate)],
        ]);
    }

    private static async Task SearchAsync(int[] sizes, SuiteOptions options, Report report)
    {
        var queries = options.Smoke ? 50 : 2_000;
        var rows = new List<IReadOnlyList<string>>();
        var p99BySize = new List<(int Size, TimeSpan P99)>();
        foreach (var size in sizes)
        {
            var seeding = Stopwatch.StartNew();
            var database = await AuditSeed.EnsureAsync(size);
            var seeded = seeding.Elapsed;
            var persons = Math.Max(1, size / AuditSeed.RecordsPerPerson);
            var random = new Random(7); // the same persons in every run
            var cold = PageCache.Evict(AuditSeed.DirectoryOf(size));

            var (baseline, subject) = await LoadDriver.AlternateAsync(
                () => LoadDriver.RepeatAsync(() => PageAsync(database, null), queries, queries / 10),
                () => LoadDriver.RepeatAsync(() => PageAsync(database, AuditSeed.PersonRef(random.Next(persons))), queries, queries / 10),
                options.Rounds);
            p99BySize.Add((size, subject.P99));
            rows.Add([Report.Number(size), Report.Duration(baseline.Median), Report.Duration(baseline.P99), Report.Duration(subject.Median), Report.Duration(subject.P99),
                Report.Ratio(subject.Median / baseline.Median), Report.Ratio(subject.P99 / baseline.P99), (seeded > TimeSpan.FromSeconds(1) ? $"seeded in {seeded.TotalSeconds:F0} s" : "reused") + (cold ? ", cold" : ", page cache as found")]);
        }

        var (largest, largestP99) = p99BySize[^1];
        var (smallest, smallestP99) = p99BySize[0];
        var growth = largestP99 / smallestP99;
        var logGrowth = Math.Log(largest) / Math.Log(smallest);
        report.Target("audit", $"search by person ≤ 20 ms p99 at {Report.Number(largest)} records{(largest < 10_000_000 ? " (10M is opt-in: --audit-10m)" : "")}",
            Report.Duration(largestP99), largestP99 <= TimeSpan.FromMilliseconds(20));
        report.Target("audit", $"search cost grows no faster than log n ({Report.Number(smallest)} → {Report.Number(largest)}: log ratio {logGrowth:F2})",
            $"p99 grew {growth:F2}×", growth <= logGrowth * 1.25); // a quarter's slack for a noisy machine
        report.Section("3b. Audit search by person",
            "First page (50 records) through the service's own query (`AuditQuery.Page`) and row mapping, a different person each time, " +
            "against the first page of everything (primary-key order, no filter). Seeded logs are kept in `$TMPDIR/finsam-bench/` and reused. " +
            "Cold: before each size its files are written out and dropped from the page cache (`posix_fadvise` DONTNEED), so the first reads of each page come from the disk; " +
            "a seeded person's 50 records lie spread over the whole log (person = sequence mod persons), the worst case for reading them. " +
            "Growth of the p99 from the smallest to the largest log is compared with the growth of log n (with 25% slack for noise).");
        report.Table(["records", "everything p50 (baseline)", "everything p99", "by person p50", "by person p99", "p50 ratio", "p99 ratio", "log"], rows);
    }

    private static async Task VerifyAsync(int size, SuiteOptions options, Report report)
    {
        var database = await AuditSeed.EnsureAsync(size);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256); // the seeded log has no checkpoints, so no signature is checked

        async Task<double> VerifyChainAsync(long? inPartsFrom)
        {
            var wall = Stopwatch.StartNew();
            await using var session = await database.ConnectAsync(CancellationToken.None);
            var result = await StoredChain.VerifyAsync(session, key, inPartsFrom: inPartsFrom);
            if (!result.Valid)
            {
                throw new InvalidOperationException($"The seeded chain should verify: {result.Problem}");
            }

            return result.Records / wall.Elapsed.TotalSeconds;
        }

        // The baseline: every row read as a record with a plain data reader, nothing checked.
        async Task<double> ReadOnlyAsync()
        {
            var wall = Stopwatch.StartNew();
            await using var session = await database.ConnectAsync(CancellationToken.None);
            await using var command = session.CreateCommand($"{AuditStore.SelectRecord} ORDER BY sequence");
            await using var reader = await command.ExecuteReaderAsync();
            long records = 0;
            while (await reader.ReadAsync())
            {
                _ = ReadRecord(reader);
                records++;
            }

            return records / wall.Elapsed.TotalSeconds;
        }

        // The service's own threshold: a log this size is verified in two parts (ADR 0044).
        var inPartsFrom = new AuditOptions().VerifyInPartsFrom;
        var (read, onePass, inParts) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < options.Rounds + 1; round++)
        {
            var rates = (await ReadOnlyAsync(), await VerifyChainAsync(null), await VerifyChainAsync(inPartsFrom));
            if (round > 0 || options.Rounds == 1)
            {
                read.Add(rates.Item1);
                onePass.Add(rates.Item2);
                inParts.Add(rates.Item3);
            }
        }

        var readRate = Median(read);
        var verifyRate = Median(inParts);
        report.Target("audit", "verify ≥ 500,000 records/s", $"{Report.Rate(verifyRate)} records/s ({Report.Number(size)} records)", verifyRate >= 500_000);
        report.Section("3c. Audit verify",
            $"The whole stored chain of {Report.Number(size)} records streamed through `ChainVerifier` (every hash recomputed, every link checked) " +
            "against reading the same rows as records with a plain data reader, nothing checked. On SQLite the verifier reads the row bytes " +
            $"(`SqliteChainReader`), in one pass or, as `/audit/verify` does from {Report.Number(inPartsFrom ?? 0)} records, in two parts side by side (ADR 0044). " +
            "Median of the measured passes (the first pass warms the page cache and is not counted in a full run). Ratio is the baseline's time ÷ the variant's.");
        report.Table(["variant", "records/s", "passes", "ratio"],
        [
            ["read as records (baseline)", Report.Rate(readRate), $"{read.Count}", ""],
            ["verify, one pass", Report.Rate(Median(onePass)), $"{onePass.Count}", Report.Ratio(Median(onePass) / readRate)],
            ["verify, two parts (as /audit/verify)", Report.Rate(verifyRate), $"{inParts.Count}", Report.Ratio(verifyRate / readRate)],
        ]);
    }

    private static AuditRecord ReadRecord(System.Data.Common.DbDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        return new AuditRecord
        {
            Sequence = reader.GetInt64(0),
            RecordedAt = reader.GetFieldValue<DateTimeOffset>(1),
            OccurredAt = reader.GetFieldValue<DateTimeOffset>(2),
            Action = reader.GetString(3),
            Outcome = reader.GetString(4),
            Actor = new Actor(reader.GetString(5), reader.GetString(6), reader.GetString(7), Text(8)),
            PersonRef = Text(9),
            SourceParty = Text(10),
            SourceUnitId = Text(11),
            RecipientParty = Text(12),
            RecipientUnitId = Text(13),
            Categories = reader.GetString(14).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Purpose = Text(15),
            ConsentId = reader.IsDBNull(16) ? null : Guid.Parse(reader.GetString(16)),
            Reason = Text(17),
            CorrelationId = Text(18),
            PreviousHash = reader.GetString(19),
            Hash = reader.GetString(20),
        };
    }

    private static async Task PageAsync(ServiceDatabase<AuditService> database, string? personRef)
    {
        var (sql, parameters) = new AuditQuery(personRef, null, null, null, null, null, null, null, null, AuditScope.All).Page(SqlProvider.Sqlite, 0, SearchRecords.DefaultLimit + 1);
        await using var session = await database.ConnectAsync(CancellationToken.None);
        if (!(await session.QueryAsync<AuditStore.RecordRow>(sql, parameters)).Select(r => r.ToRecord()).Any())
        {
            throw new InvalidOperationException("A search found nothing in the seeded log.");
        }
    }

    private static AuditRecord Row(long sequence, string previousHash) =>
        AuditSeed.Record(sequence, DateTimeOffset.UtcNow, "share", AuditSeed.PersonRef(sequence % 1000), previousHash);

    /// <summary>
    /// A message id as the services' outboxes assign them (<see cref="DbSession"/>: version 7, time-ordered), so the log's
    /// unique index on message ids grows at its end as it does in a deployment. Random ids would put every insert on a
    /// different index page and measure a write pattern the product never has.
    /// </summary>
    private static Guid MessageId() => Guid.CreateVersion7();

    private static async Task<ServiceDatabase<AuditService>> FreshDatabaseAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var database = new ServiceDatabase<AuditService>(
            new DatabaseSettings(SqlProvider.Sqlite, $"Data Source={Path.Combine(folder, "audit.db")};Default Timeout=30"), TimeProvider.System);
        await new DatabaseMigrator<AuditService>(database, NullLogger<DatabaseMigrator<AuditService>>.Instance).StartAsync(CancellationToken.None);
        return database;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the folder is in the temp directory.
        }
    }
}
