using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Finsam.ServiceDefaults.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Finsam.Testing;

/// <summary>
/// No SQL Server runs where the tests run, yet the distributed deployment sends every store's SQL to one. So
/// every statement a store sends in a test (each passes DbSession, which announces it, see
/// <see cref="SqlStatements"/>) is also parsed as SQL Server 2022 would read it. The tests run on SQLite, so
/// each SQLite piece of <see cref="SqlDialect"/> is first swapped for its SQL Server twin: what is parsed is the
/// text the store would send on SQL Server. A statement that does not parse fails where it is sent (its
/// endpoint answers 500, its consumer faults) and again when the test's host is disposed, naming the statement.
/// <para>
/// Why at run time and not by reading the sources: the statements are built by code (audit filters, IN lists,
/// dialect clauses), and only running the stores shows the text they really send. What this cannot see is SQL
/// no test runs; the coverage is that of the service tests (and the web tests, which run every service).
/// Migrations are files and are parsed as such (SqlServerScriptTests); a real server is still the final word
/// (FINSAM_SQLSERVER, docs/deployment.md).
/// </para>
/// </summary>
public static partial class TSqlCheck
{
    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<string, string?> Parsed = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Failures = new();
    private static readonly (string Sqlite, string SqlServer)[] Twins = DialectTwins();
    private static IDisposable? _subscription;

    /// <summary>Every distinct statement seen so far, as SQL Server would be sent it.</summary>
    public static IReadOnlyCollection<string> Statements => [.. Parsed.Keys];

    /// <summary>Starts checking every statement sent in this process from now on (idempotent).</summary>
    public static void Enable()
    {
        lock (Gate)
        {
            _subscription ??= DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
        }
    }

    /// <summary>The failures seen since the last call, once each: a consumer's may have been swallowed by its retries.</summary>
    public static void ThrowIfAnyFailed()
    {
        var failures = new List<string>();
        while (Failures.TryDequeue(out var failure))
        {
            failures.Add(failure);
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine + Environment.NewLine, failures));
        }
    }

    /// <summary>
    /// The statement with each SQLite piece of the dialect replaced by the SQL Server one, and each list parameter
    /// (<c>IN @Ids</c>) expanded as Dapper expands it before sending, for either engine (<c>IN (@Ids1, @Ids2)</c>).
    /// </summary>
    public static string AsSqlServerWouldGetIt(string sqliteStatement)
    {
        var text = sqliteStatement;
        foreach (var (sqlite, sqlServer) in Twins)
        {
            text = text.Replace(sqlite, sqlServer, StringComparison.Ordinal);
        }

        return ExpandedLists(text);
    }

    private static string ExpandedLists(string sql) =>
        ListParameter().Replace(sql, match => $"{match.Groups[1].Value} (@{match.Groups[2].Value}1, @{match.Groups[2].Value}2)");

    [GeneratedRegex(@"\b(IN)\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    /// <summary>The parser's complaints about <paramref name="tsql"/>, or null when SQL Server would read it.</summary>
    public static string? ParseErrors(string tsql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(tsql), out var errors);
        return errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"));
    }

    private static void Check(SqlStatement statement)
    {
        var tsql = statement.Provider == SqlProvider.Sqlite ? AsSqlServerWouldGetIt(statement.Text) : ExpandedLists(statement.Text);
        var errors = Parsed.GetOrAdd(tsql, text =>
        {
            Record(text);
            return ParseErrors(text);
        });
        if (errors is not null)
        {
            var failure = $"SQL Server would not parse this statement ({errors}):{Environment.NewLine}{tsql}";
            Failures.Enqueue(failure);
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>
    /// With <c>FINSAM_TSQL_LOG</c> set to a file, each distinct statement is appended to it: what the check saw,
    /// for a person asking which store statements the tests reach.
    /// </summary>
    private static void Record(string tsql)
    {
        if (Environment.GetEnvironmentVariable("FINSAM_TSQL_LOG") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, tsql + Environment.NewLine + "GO" + Environment.NewLine);
            }
        }
    }

    /// <summary>Each string property of the dialect, as SQLite and as SQL Server have it (longest first, so no piece replaces part of another).</summary>
    private static (string, string)[] DialectTwins()
    {
        var sqlite = SqlDialect.For(SqlProvider.Sqlite);
        var sqlServer = SqlDialect.For(SqlProvider.SqlServer);
        return [.. typeof(SqlDialect).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => ((string)p.GetValue(sqlite)!, (string)p.GetValue(sqlServer)!))
            .OrderByDescending(t => t.Item1.Length)];
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == SqlStatements.ListenerName)
            {
                listener.Subscribe(new StatementObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class StatementObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: SqlStatements.StatementEvent, Value: SqlStatement statement })
            {
                Check(statement);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
