using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// The tables of a feature module that several services hold (the agency adapter's followed persons, outgoing
/// referrals): scripts embedded once, in the module's assembly under <c>{prefix}Sqlite</c> and <c>{prefix}SqlServer</c>,
/// applied to each service's database that uses the module.
/// </summary>
public sealed record MigrationModule<TService>(Assembly Assembly, string ResourcePrefix)
    where TService : IFinsamService;

public static class MigrationModuleExtensions
{
    /// <summary>Adds a module's scripts to <typeparamref name="TService"/>'s database, once however often it is asked.</summary>
    public static IServiceCollection AddMigrationModule<TService>(this IServiceCollection services, Assembly assembly, string resourcePrefix)
        where TService : IFinsamService
    {
        var module = new MigrationModule<TService>(assembly, resourcePrefix);
        if (!services.Any(d => d.ServiceType == typeof(MigrationModule<TService>) && Equals(d.ImplementationInstance, module)))
        {
            services.AddSingleton(module);
        }

        return services;
    }
}

/// <summary>
/// Applies a service's versioned SQL scripts at start-up, before the host accepts requests: first the
/// shared outbox and inbox tables, then the modules' tables, then the service's own scripts for the configured
/// provider (so a service's script may build on a module's tables, never the other way round).
/// Scripts are embedded resources under <c>Migrations/Sqlite</c> and <c>Migrations/SqlServer</c>.
/// </summary>
public sealed class DatabaseMigrator<TService>(
    ServiceDatabase<TService> database, ILogger<DatabaseMigrator<TService>> logger, IEnumerable<MigrationModule<TService>>? modules = null)
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
        foreach (var module in modules ?? [])
        {
            Upgrade(module.Assembly, module.ResourcePrefix);
        }

        Upgrade(typeof(TService).Assembly, typeof(TService).Assembly.GetName().Name + ".Migrations.");
        if (settings.Provider == SqlProvider.Sqlite)
        {
            CheckForeignKeys(settings.ConnectionString);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Upgrade(Assembly assembly, string resourcePrefix)
    {
        var folder = resourcePrefix + (database.Settings.Provider == SqlProvider.Sqlite ? "Sqlite." : "SqlServer.");
        var builder = database.Settings.Provider == SqlProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(WithoutForeignKeys(database.Settings.ConnectionString))
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

    /// <summary>
    /// SQLite changes a column only by rebuilding its table (create, copy, drop, rename), which the foreign keys of the
    /// tables that reference it refuse mid-way; its documented procedure turns them off for the change, and that can only
    /// be done outside a transaction, so the migrations' connection opens with them off, and
    /// <see cref="CheckForeignKeys"/> proves afterwards that every reference still holds.
    /// </summary>
    private static string WithoutForeignKeys(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false }.ToString();

    private static void CheckForeignKeys(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check;";
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            throw new InvalidOperationException(
                $"Migrating the {TService.Name} database left a row of {reader.GetString(0)} whose reference to {reader.GetString(2)} no longer holds.");
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
