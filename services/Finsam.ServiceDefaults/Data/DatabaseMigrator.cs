using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// Applies a service's versioned SQL scripts at start-up, before the host accepts requests: first the
/// shared outbox and inbox tables, then the service's own scripts for the configured provider.
/// Scripts are embedded resources under <c>Migrations/Sqlite</c> and <c>Migrations/SqlServer</c>.
/// </summary>
public sealed class DatabaseMigrator<TService>(ServiceDatabase<TService> database, ILogger<DatabaseMigrator<TService>> logger)
    : IHostedService
    where TService : IFinsamService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = database.Settings;
        if (settings.Provider == SqlProvider.Sqlite)
        {
            EnableWriteAheadLog(settings.ConnectionString);
        }
        else
        {
            EnsureDatabase.For.SqlDatabase(settings.ConnectionString);
        }

        Upgrade(typeof(DatabaseMigrator<>).Assembly, "Finsam.ServiceDefaults.Data.Migrations.");
        Upgrade(typeof(TService).Assembly, typeof(TService).Assembly.GetName().Name + ".Migrations.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Upgrade(Assembly assembly, string resourcePrefix)
    {
        var folder = resourcePrefix + (database.Settings.Provider == SqlProvider.Sqlite ? "Sqlite." : "SqlServer.");
        var builder = database.Settings.Provider == SqlProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(database.Settings.ConnectionString)
            : DeployChanges.To.SqlDatabase(database.Settings.ConnectionString);
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(assembly, name => name.StartsWith(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migrating the {TService.Name} database failed at {result.ErrorScript?.Name}.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Applied migration {Script} to the {Service} database", script.Name, TService.Name);
        }
    }

    /// <summary>WAL lets readers go on while one writer commits; the setting is stored in the file.</summary>
    private static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
