using Finsam.Audit;
using Finsam.Audit.Recording;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Finsam.Benchmarks;

/// <summary>
/// A chained audit log of a given size in a SQLite file, made once and kept in the temp folder, so that
/// repeated benchmark runs measure queries, not seeding. Fifty records per person, like a busy case.
/// </summary>
public static class AuditSeed
{
    public const int RecordsPerPerson = 50;

    /// <summary>A coach's share or view of a seeded person, chained to <paramref name="previousHash"/> (hash not yet set).</summary>
    public static AuditRecord Record(long sequence, DateTimeOffset at, string action, string personRef, string previousHash) => new()
    {
        Sequence = sequence,
        RecordedAt = at,
        OccurredAt = at,
        Action = action,
        Outcome = AuditOutcomes.Permitted,
        Actor = new Actor("erik.holm", "coach", "municipality", "ovanaker-ips"),
        PersonRef = personRef,
        SourceParty = "health-care",
        RecipientParty = "municipality",
        RecipientUnitId = "ovanaker-ips",
        Categories = ["referral", "contact"],
        Purpose = "ips-support",
        ConsentId = Guid.NewGuid(),
        PreviousHash = previousHash,
    };

    public static string PersonRef(long person) => $"pr-{person:x32}";

    public static async Task<ServiceDatabase<AuditService>> EnsureAsync(int records)
    {
        var directory = DirectoryOf(records);
        var database = new ServiceDatabase<AuditService>(
            new DatabaseSettings(SqlProvider.Sqlite, $"Data Source={Path.Combine(directory, "audit.db")};Default Timeout=30"), TimeProvider.System);
        var ready = Path.Combine(directory, "seeded");
        if (File.Exists(ready))
        {
            // A log seeded by an earlier build: bring its schema up to this one's (migrations already applied are skipped).
            await MigrateAsync(database);
            return database;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        await MigrateAsync(database);
        await SeedAsync(database, records);
        await File.WriteAllTextAsync(ready, DateTimeOffset.UtcNow.ToString("O"));
        return database;
    }

    /// <summary>Where the log of <paramref name="records"/> records is kept between runs.</summary>
    public static string DirectoryOf(int records) => Path.Combine(Path.GetTempPath(), "finsam-bench", $"audit-{records}");

    private static Task MigrateAsync(ServiceDatabase<AuditService> database) =>
        new DatabaseMigrator<AuditService>(database, NullLogger<DatabaseMigrator<AuditService>>.Instance).StartAsync(CancellationToken.None);

    /// <summary>
    /// Writes the rows as <see cref="AuditStore.InsertAsync"/> would (same columns, same values, times bound
    /// as UTC <see cref="DateTimeOffset"/>), but through one prepared command and without waiting for the
    /// disk on each commit: a fixture, made once, where ten million rows through Dapper took hours on a
    /// shared machine.
    /// </summary>
    private static async Task SeedAsync(ServiceDatabase<AuditService> database, int records)
    {
        var persons = Math.Max(1, records / RecordsPerPerson);
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var previous = AuditOutcomes.GenesisHash;
        const int batch = 100_000;
        await using var connection = (SqliteConnection)await database.OpenAsync(CancellationToken.None);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        var columns = new[]
        {
            "sequence", "message_id", "recorded_at", "occurred_at", "action", "outcome", "actor_user", "actor_role", "actor_party", "actor_unit",
            "person_ref", "source_party", "source_unit", "recipient_party", "recipient_unit", "categories", "purpose", "consent_id", "reason",
            "correlation_id", "previous_hash", "hash",
        };
        for (var first = 1; first <= records; first += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO audit_records ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
            var parameters = columns.ToDictionary(c => c, c => insert.Parameters.Add(new SqliteParameter("$" + c, null)));
            insert.Prepare();
            for (var sequence = first; sequence < first + batch && sequence <= records; sequence++)
            {
                var record = Record(sequence, start.AddSeconds(sequence), sequence % 3 == 0 ? "view" : "share", PersonRef(sequence % persons), previous);
                record = record with { Hash = record.ComputeHash() };
                object?[] values =
                [
                    record.Sequence, Guid.NewGuid().ToString(), record.RecordedAt.ToUniversalTime(), record.OccurredAt.ToUniversalTime(), record.Action,
                    record.Outcome, record.Actor.UserId, record.Actor.Role, record.Actor.Party, record.Actor.UnitId, record.PersonRef, record.SourceParty,
                    record.SourceUnitId, record.RecipientParty, record.RecipientUnitId, string.Join(' ', record.Categories), record.Purpose,
                    record.ConsentId?.ToString(), record.Reason, record.CorrelationId, record.PreviousHash, record.Hash,
                ];
                for (var i = 0; i < columns.Length; i++)
                {
                    parameters[columns[i]].Value = values[i] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync();
                previous = record.Hash;
            }

            await transaction.CommitAsync();
        }
    }
}
