using System.Diagnostics;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// Announces each statement a store is about to send, on a <see cref="DiagnosticListener"/> (as SqlClient
/// announces its commands). Nothing listens in production, and then it costs one check. The tests listen: they
/// run on SQLite and parse every statement as SQL Server would be sent it, so that SQL written for both engines
/// cannot quietly drift into SQLite's dialect where no test runs SQL Server.
/// </summary>
public static class SqlStatements
{
    public const string ListenerName = "Finsam.Sql";

    public const string StatementEvent = "Finsam.Sql.Statement";

    private static readonly DiagnosticListener Listener = new(ListenerName);

    internal static void Sending(SqlProvider provider, string sql)
    {
        if (Listener.IsEnabled(StatementEvent))
        {
            Listener.Write(StatementEvent, new SqlStatement(provider, sql));
        }
    }
}

/// <summary>What <see cref="SqlStatements"/> announces: the text exactly as sent, and the engine it goes to.</summary>
public sealed record SqlStatement(SqlProvider Provider, string Text);
