using DbUp;
using DbUp.Builder;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Finsam.Agencies.Migrations;

/// <summary>
/// Applies the module's own tables (<c>followed_persons</c>) to an agency service's database at start-up. The
/// scripts are embedded once, here, under <c>Migrations/Sqlite</c> and <c>Migrations/SqlServer</c>, and every
/// agency service applies them; the service's own migrator (ServiceDefaults' <c>DatabaseMigrator</c>) then applies
/// the outbox and inbox and whatever scripts the service itself holds. This one starts first, so that a service's
/// own script may build on the module's tables, never the other way round.
/// </summary>
public sealed class AgencyMigrator<TService>(ServiceDatabase<TService> database, ILogger<AgencyMigrator<TService>> logger) : IHostedService
    where TService : IAgencyService
{
    private const string ResourcePrefix = "Finsam.Agencies.Migrations.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = database.Settings;
        var folder = ResourcePrefix + (settings.Provider == SqlProvider.Sqlite ? "Sqlite." : "SqlServer.");
        UpgradeEngineBuilder builder;
        if (settings.Provider == SqlProvider.Sqlite)
        {
            builder = DeployChanges.To.SqliteDatabase(settings.ConnectionString);
        }
        else
        {
            // The service's own migrator does the same after; whichever runs first creates the database.
            EnsureDatabase.For.SqlDatabase(settings.ConnectionString);
            builder = DeployChanges.To.SqlDatabase(settings.ConnectionString);
        }

        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(AgencyMigrator<>).Assembly, name => name.StartsWith(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migrating the {TService.Name} database's agency tables failed at {result.ErrorScript?.Name}.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Applied migration {Script} to the {Service} database", script.Name, TService.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
