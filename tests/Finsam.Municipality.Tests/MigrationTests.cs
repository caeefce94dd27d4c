using Dapper;
using DbUp;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Referrals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Finsam.Municipality.Tests;

/// <summary>
/// The self-referral migration rebuilds <c>ips_cases</c> on SQLite (a NOT NULL cannot be dropped there): a database
/// with cases from before it keeps every case and its history, and takes a case without a consent after it.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"finsam-municipality-migration-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Pooling=False";

    public void Dispose() => File.Delete(_file);

    /// <summary>The database as it stood before the self-referral migration: the service's scripts up to 0003.</summary>
    private void MigrateToBeforeSelfReferrals()
    {
        var result = DeployChanges.To.SqliteDatabase(ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(MunicipalityService).Assembly, name =>
                name.StartsWith("Finsam.Municipality.Migrations.Sqlite.", StringComparison.Ordinal)
                && string.CompareOrdinal(name["Finsam.Municipality.Migrations.Sqlite.".Length..], "0004") < 0)
            .LogToNowhere().Build().PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    private Task MigrateAsync() => new DatabaseMigrator<MunicipalityService>(
        new ServiceDatabase<MunicipalityService>(new DatabaseSettings(SqlProvider.Sqlite, ConnectionString), TimeProvider.System),
        NullLogger<DatabaseMigrator<MunicipalityService>>.Instance,
        [new MigrationModule<MunicipalityService>(typeof(OutgoingReferrals).Assembly, "Finsam.ServiceDefaults.Referrals.Migrations.")])
        .StartAsync(CancellationToken.None);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    [Fact]
    public async Task A_case_from_before_self_referrals_keeps_its_consent_and_history()
    {
        MigrateToBeforeSelfReferrals();
        using (var before = Open())
        {
            await before.ExecuteAsync(
                """
                INSERT INTO ips_cases (case_id, referral_id, person_ref, unit_id, referring_party, referring_unit_id, referring_unit_name, consent_id,
                                       reason, own_goal, contact_name, status, coach_user_id, received_at, status_since)
                VALUES ('c1', 'r1', 'pr-0000000000000000000000000000000a', 'ovanaker-ips', 'health-care', 'halsingland-psykiatri', 'Psykiatrin',
                        'k1', 'Vill arbeta', 'Handel', 'Kim', 'assigned', 'erik.holm', '2026-11-01T09:00:00+00:00', '2026-11-02T09:00:00+00:00');
                INSERT INTO ips_case_history (case_id, status, at, by_user) VALUES ('c1', 'queued', '2026-11-01T09:00:00+00:00', 'system');
                """);
        }

        await MigrateAsync();

        using var connection = Open();
        Assert.Equal(("k1", "assigned", 1L), await connection.QuerySingleAsync<(string, string, long)>(
            "SELECT c.consent_id, c.status, (SELECT COUNT(*) FROM ips_case_history h WHERE h.case_id = c.case_id) FROM ips_cases c WHERE c.case_id = 'c1'"));
    }

    [Fact]
    public async Task After_it_a_case_has_no_consent_and_says_how_it_came()
    {
        await MigrateAsync();

        using var connection = Open();
        await connection.ExecuteAsync(
            """
            INSERT INTO ips_cases (case_id, referral_id, person_ref, unit_id, referring_party, consent_id, reason, own_goal, contact_name,
                                   status, received_at, status_since, received_via)
            VALUES ('c2', 'r2', 'pr-0000000000000000000000000000000b', 'ovanaker-ips', 'self', NULL, 'Ringde själv', 'Butik', 'Alex',
                    'queued', '2026-11-01T09:00:00+00:00', '2026-11-01T09:00:00+00:00', 'phone')
            """);
        Assert.Equal("phone", await connection.ExecuteScalarAsync<string>("SELECT received_via FROM ips_cases WHERE case_id = 'c2'"));
    }
}
