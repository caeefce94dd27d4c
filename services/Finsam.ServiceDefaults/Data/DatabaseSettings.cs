using Microsoft.Extensions.Configuration;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// Where a service keeps its data. <c>Finsam:Database:Provider</c> picks SQLite (default) or SQL Server;
/// <c>ConnectionStrings:{service}</c> overrides the connection string, otherwise SQLite uses
/// <c>{Finsam:DataDirectory}/{service}.db</c>.
/// </summary>
public sealed record DatabaseSettings(SqlProvider Provider, string ConnectionString)
{
    public const string DefaultDataDirectory = ".finsam-data";

    public static DatabaseSettings For(string serviceName, IConfiguration configuration)
    {
        var provider = configuration["Finsam:Database:Provider"]?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => SqlProvider.Sqlite,
            "sqlserver" => SqlProvider.SqlServer,
            var other => throw new InvalidOperationException($"Unknown Finsam:Database:Provider '{other}'. Use sqlite or sqlserver."),
        };

        var configured = configuration.GetConnectionString(serviceName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseSettings(provider, configured);
        }

        if (provider == SqlProvider.SqlServer)
        {
            throw new InvalidOperationException($"ConnectionStrings:{serviceName} is required with SQL Server.");
        }

        var directory = Path.GetFullPath(configuration["Finsam:DataDirectory"] ?? DefaultDataDirectory);
        Directory.CreateDirectory(directory);
        // Default Timeout also bounds how long SQLite waits on a locked database before giving up.
        return new DatabaseSettings(provider, $"Data Source={Path.Combine(directory, serviceName + ".db")};Default Timeout=30");
    }
}
