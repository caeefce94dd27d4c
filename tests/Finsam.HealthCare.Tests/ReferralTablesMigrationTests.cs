using Dapper;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Referrals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Finsam.HealthCare.Tests;

/// <summary>
/// The referral tables moved from health care's own scripts into the one referral module every referring service uses;
/// a health-care database migrated before the move keeps its referrals.
/// </summary>
public sealed class ReferralTablesMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"finsam-healthcare-migration-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Pooling=False";

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task A_database_with_the_referrals_from_health_cares_own_script_keeps_them()
    {
        using (var before = new SqliteConnection(ConnectionString))
        {
            // What Finsam.HealthCare/Migrations/Sqlite/0001_referrals.sql created, journalled as DbUp did.
            await before.ExecuteAsync(
                """
                CREATE TABLE referrals (referral_id TEXT NOT NULL PRIMARY KEY, person_ref TEXT NOT NULL, referring_unit_id TEXT NOT NULL,
                    referring_user_id TEXT NOT NULL, to_party TEXT NOT NULL, to_unit_id TEXT NOT NULL, reason TEXT NOT NULL, own_goal TEXT NOT NULL,
                    contact_name TEXT NOT NULL, contact_phone TEXT NULL, contact_email TEXT NULL, contact_channel TEXT NULL, consent_id TEXT NOT NULL,
                    status TEXT NOT NULL, sent_at TEXT NOT NULL, status_at TEXT NOT NULL);
                CREATE INDEX ix_referrals_unit ON referrals (referring_unit_id, sent_at);
                CREATE TABLE referral_history (referral_id TEXT NOT NULL REFERENCES referrals (referral_id), status TEXT NOT NULL, at TEXT NOT NULL, consent_id TEXT NULL);
                CREATE INDEX ix_referral_history ON referral_history (referral_id, at);
                INSERT INTO referrals VALUES ('r1', 'pr-0000000000000000000000000000000a', 'halsingland-psykiatri', 'anna.lind', 'municipality', 'ovanaker-ips',
                    'Vill arbeta', 'Handel', 'Kim', NULL, NULL, NULL, 'k1', 'started', '2026-11-01T09:00:00+00:00', '2026-11-03T09:00:00+00:00');
                """);
        }

        await new DatabaseMigrator<HealthCareService>(
            new ServiceDatabase<HealthCareService>(new DatabaseSettings(SqlProvider.Sqlite, ConnectionString), TimeProvider.System),
            NullLogger<DatabaseMigrator<HealthCareService>>.Instance,
            [new MigrationModule<HealthCareService>(typeof(OutgoingReferrals).Assembly, "Finsam.ServiceDefaults.Referrals.Migrations.")])
            .StartAsync(CancellationToken.None);

        using var connection = new SqliteConnection(ConnectionString);
        Assert.Equal("started", await connection.ExecuteScalarAsync<string>("SELECT status FROM referrals WHERE referral_id = 'r1'"));
    }
}
