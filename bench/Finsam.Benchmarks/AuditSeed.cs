using Finsam.Audit;
using Finsam.Audit.Recording;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Finsam.Benchmarks;

/// <summary>
/// A chained audit log of a given size in a SQLite file, made once and kept in the temp folder, so that
/// repeated benchmark runs measure queries, not seeding. Fifty records per person, like a busy case.
/// </summary>
public static class AuditSeed
{
    public const int RecordsPerPerson = 50;

    public static string PersonRef(long person) => $"pr-{person:x32}";

    public static async Task<ServiceDatabase<AuditService>> EnsureAsync(int records)
    {
        var directory = Path.Combine(Path.GetTempPath(), "finsam-bench", $"audit-{records}");
        var database = new ServiceDatabase<AuditService>(
            new DatabaseSettings(SqlProvider.Sqlite, $"Data Source={Path.Combine(directory, "audit.db")};Default Timeout=30"), TimeProvider.System);
        var ready = Path.Combine(directory, "seeded");
        if (File.Exists(ready))
        {
            return database;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        await new DatabaseMigrator<AuditService>(database, NullLogger<DatabaseMigrator<AuditService>>.Instance).StartAsync(CancellationToken.None);
        await SeedAsync(database, records);
        await File.WriteAllTextAsync(ready, DateTimeOffset.UtcNow.ToString("O"));
        return database;
    }

    private static async Task SeedAsync(ServiceDatabase<AuditService> database, int records)
    {
        var persons = Math.Max(1, records / RecordsPerPerson);
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var previous = AuditOutcomes.GenesisHash;
        const int batch = 20_000;
        for (var first = 1; first <= records; first += batch)
        {
            await using var session = await database.BeginAsync(CancellationToken.None);
            for (var sequence = first; sequence < first + batch && sequence <= records; sequence++)
            {
                var record = new AuditRecord
                {
                    Sequence = sequence,
                    RecordedAt = start.AddSeconds(sequence),
                    OccurredAt = start.AddSeconds(sequence),
                    Action = sequence % 3 == 0 ? "view" : "share",
                    Outcome = AuditOutcomes.Permitted,
                    Actor = new Actor("erik.holm", "coach", "municipality", "ovanaker-ips"),
                    PersonRef = PersonRef(sequence % persons),
                    SourceParty = "health-care",
                    RecipientParty = "municipality",
                    RecipientUnitId = "ovanaker-ips",
                    Categories = ["referral", "contact"],
                    Purpose = "ips-support",
                    ConsentId = Guid.NewGuid(),
                    PreviousHash = previous,
                };
                record = record with { Hash = record.ComputeHash() };
                await AuditStore.InsertAsync(session, record, Guid.NewGuid().ToString());
                previous = record.Hash;
            }

            await session.CommitAsync();
        }
    }
}
