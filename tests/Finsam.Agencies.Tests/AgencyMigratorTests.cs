using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Finsam.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Finsam.Agencies.Tests;

/// <summary>
/// The module's tables reach every agency service's database from one set of scripts, before the service's own
/// migrator runs; a database migrated while each adapter still had its own copy of the script keeps its rows.
/// </summary>
public sealed class AgencyMigratorTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"finsam-agency-migrator-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Pooling=False";

    private ServiceDatabase<TestAgency> Database => new(new DatabaseSettings(SqlProvider.Sqlite, ConnectionString), TimeProvider.System);

    public void Dispose() => File.Delete(_file);

    /// <summary>As an agency service starts: its database's migrator with the module the adapter registers.</summary>
    private Task StartAsync()
    {
        var services = new ServiceCollection();
        services.AddMigrationModule<TestAgency>(typeof(AgencyAdapterExtensions).Assembly, "Finsam.Agencies.Migrations.");
        var modules = services.BuildServiceProvider().GetServices<MigrationModule<TestAgency>>();
        return new DatabaseMigrator<TestAgency>(Database, NullLogger<DatabaseMigrator<TestAgency>>.Instance, modules).StartAsync(CancellationToken.None);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    [Fact]
    public async Task A_new_database_gets_the_followed_persons_table_and_the_outbox()
    {
        await StartAsync();

        using var connection = Open();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.Contains("followed_persons", tables);
        Assert.Contains("outbox_messages", tables);
    }

    [Fact]
    public async Task The_journal_names_the_modules_script_once()
    {
        await StartAsync();
        await StartAsync();

        using var connection = Open();
        var scripts = await connection.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions");
        Assert.Single(scripts, "Finsam.Agencies.Migrations.Sqlite.0001_followed_persons.sql");
    }

    [Fact]
    public async Task A_database_that_already_has_the_table_from_an_adapters_own_script_keeps_its_followed_people()
    {
        using (var before = Open())
        {
            // What Finsam.Arbetsformedlingen/Migrations/Sqlite/0001_followed_persons.sql created before the module held it.
            await before.ExecuteAsync(
                """
                CREATE TABLE followed_persons (person_ref TEXT NOT NULL, unit_id TEXT NOT NULL, since TEXT NOT NULL, last_description TEXT NULL, PRIMARY KEY (person_ref, unit_id));
                INSERT INTO followed_persons VALUES ('pr-0000000000000000000000000000000a', 'ovanaker-ips', '2026-11-01T09:00:00+00:00', 'Inskriven, Arbetsträning.');
                """);
        }

        await StartAsync();

        using var connection = Open();
        Assert.Equal("Inskriven, Arbetsträning.", await connection.ExecuteScalarAsync<string>("SELECT last_description FROM followed_persons"));
    }

    private sealed class TestAgency : IAgencyService
    {
        public static string Name => "test-agency";

        public static string Party => "test-agency";

        public static string Category => "test.category";

        public static string DisplayName => "Testmyndigheten";

        public static string ConfigurationSection => "Finsam:TestAgency";
    }
}
