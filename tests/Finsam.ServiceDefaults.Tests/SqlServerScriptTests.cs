using Finsam.ServiceDefaults.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>
/// No SQL Server runs here, so every T-SQL migration and the SQL Server dialect are at least parsed as
/// SQL Server 2022 would read them. Running them against a real server is the distributed-mode issue's work.
/// </summary>
public sealed class SqlServerScriptTests
{
    public static TheoryData<string> MigrationScripts()
    {
        var root = RepositoryRoot();
        var scripts = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.sql", SearchOption.AllDirectories)
                     .Where(f => f.Contains($"{Path.DirectorySeparatorChar}SqlServer{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            scripts.Add(Path.GetRelativePath(root, file));
        }

        return scripts;
    }

    [Theory]
    [MemberData(nameof(MigrationScripts))]
    public void Every_sql_server_migration_parses_as_t_sql(string script) =>
        AssertParses(File.ReadAllText(Path.Combine(RepositoryRoot(), script)));

    [Fact]
    public void There_is_a_sql_server_migration_for_every_sqlite_migration()
    {
        var root = RepositoryRoot();
        var sqlite = Directory.EnumerateFiles(root, "*.sql", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}Sqlite{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        Assert.All(sqlite, file => Assert.True(
            File.Exists(file.Replace($"{Path.DirectorySeparatorChar}Sqlite{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}SqlServer{Path.DirectorySeparatorChar}", StringComparison.Ordinal)),
            $"{Path.GetRelativePath(root, file)} has no SQL Server twin."));
    }

    [Fact]
    public void The_sql_server_dialect_parses_as_t_sql()
    {
        var dialect = SqlDialect.For(SqlProvider.SqlServer);

        AssertParses(dialect.InsertInboxIfAbsent);
        AssertParses(dialect.SelectUnsentOutbox);
    }

    private static void AssertParses(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Finsam.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Finsam.sln not found above the test folder.");
    }
}
