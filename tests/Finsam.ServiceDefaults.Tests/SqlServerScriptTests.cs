using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>
/// No SQL Server runs here, so every T-SQL migration and the SQL Server dialect are at least parsed as
/// SQL Server 2022 would read them. The stores' own statements are parsed as they are sent, in every test that
/// runs a service (TSqlCheck); the tests below show that this check holds and can fail.
/// </summary>
[Collection(nameof(SqlServerScriptTests))] // alone: one test here makes the check fail on purpose, which a parallel test's host would report
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
        AssertParses($"SELECT sequence FROM audit_records WHERE sequence > @After {dialect.FirstBySequence}");
    }

    [Fact]
    public void The_check_sends_each_sqlite_piece_of_the_dialect_to_the_parser_as_its_sql_server_twin()
    {
        var sqlite = SqlDialect.For(SqlProvider.Sqlite);
        var sqlServer = SqlDialect.For(SqlProvider.SqlServer);

        Assert.Equal(sqlServer.InsertInboxIfAbsent, TSqlCheck.AsSqlServerWouldGetIt(sqlite.InsertInboxIfAbsent));
        Assert.Equal(sqlServer.SelectUnsentOutbox, TSqlCheck.AsSqlServerWouldGetIt(sqlite.SelectUnsentOutbox));
        Assert.Equal($"SELECT sequence FROM audit_records {sqlServer.FirstBySequence}", TSqlCheck.AsSqlServerWouldGetIt($"SELECT sequence FROM audit_records {sqlite.FirstBySequence}"));
    }

    [Fact]
    public void The_check_expands_a_list_parameter_as_dapper_sends_it()
    {
        var sent = TSqlCheck.AsSqlServerWouldGetIt("UPDATE outbox_messages SET sent_at = @SentAt WHERE sequence IN @Sequences");

        Assert.Equal("UPDATE outbox_messages SET sent_at = @SentAt WHERE sequence IN (@Sequences1, @Sequences2)", sent);
        Assert.Null(TSqlCheck.ParseErrors(sent));
    }

    [Fact]
    public async Task A_store_statement_in_sqlite_dialect_fails_where_it_is_sent_when_the_check_is_on()
    {
        TSqlCheck.Enable();
        await using var host = new OutboxHost();
        await host.StartAsync();
        await using var session = await host.Database.ConnectAsync(TestContext.Current.CancellationToken);

        var sent = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages LIMIT 1"));
        var reported = Assert.Throws<InvalidOperationException>(TSqlCheck.ThrowIfAnyFailed);

        Assert.Contains("SQL Server would not parse", sent.Message, StringComparison.Ordinal);
        Assert.Contains("LIMIT 1", reported.Message, StringComparison.Ordinal);
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

[CollectionDefinition(nameof(SqlServerScriptTests), DisableParallelization = true)]
public sealed class SqlServerScriptTestsCollection;
