using System.Data.Common;
using System.Text.Json;
using Dapper;
using Finsam.ServiceDefaults.Messaging;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// An open connection, and for writes a transaction, of one service's database. State changes and the
/// messages they cause go through the same session, so they commit together or not at all (the outbox).
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _clock;
    private int _enqueued;
    private bool _committed;

    /// <summary>This session's part of a shared transaction (SQLite write sessions; see <see cref="SqliteGroupCommit"/>).</summary>
    private readonly SqliteGroupCommit.Member? _member;

    /// <summary>The mark of an open write session on the flow that opened it (<see cref="WriteSessionGuard"/>).</summary>
    private readonly WriteSessionGuard.Marker? _marker;

    internal DbSession(
        DbConnection connection, DbTransaction? transaction, SqlDialect dialect, OutboxSignal signal, TimeProvider clock, CancellationToken cancellationToken,
        WriteSessionGuard.Marker? marker = null, SqliteGroupCommit.Member? member = null)
    {
        _marker = marker;
        _member = member;
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _signal = signal;
        _clock = clock;
        CancellationToken = cancellationToken;
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    public SqlDialect Dialect { get; }

    public CancellationToken CancellationToken { get; }

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Connection.ExecuteAsync(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Connection.QueryAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters))!;

    /// <summary>
    /// A command in this session's transaction, for a statement run many times with new values (a batch of inserts):
    /// the caller adds its parameters once and sets their values per row, so nothing is mapped or parsed twice.
    /// </summary>
    public DbCommand CreateCommand(string sql)
    {
        Sending(sql);
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Rows one at a time as they are read, for results too large to hold (the whole audit chain).</summary>
    public IAsyncEnumerable<T> QueryUnbufferedAsync<T>(string sql, object? parameters = null)
    {
        Sending(sql);
        return Connection.QueryUnbufferedAsync<T>(sql, parameters, Transaction);
    }

    /// <summary>Stores a message in the outbox, in this transaction. The relay publishes it after commit.</summary>
    public async Task EnqueueAsync<T>(T message)
        where T : class
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("Messages can only be enqueued inside a write session.");
        }

        await ExecuteAsync(
            """
            INSERT INTO outbox_messages (message_id, message_type, body, created_at, attempts)
            VALUES (@MessageId, @MessageType, @Body, @CreatedAt, 0)
            """,
            new
            {
                MessageId = Guid.CreateVersion7().ToString(),
                MessageType = OutboxMessageTypes.NameOf(message.GetType()),
                Body = JsonSerializer.Serialize(message, message.GetType(), OutboxMessageTypes.JsonOptions),
                CreatedAt = _clock.GetUtcNow(),
            });
        _enqueued++;
    }

    public async Task CommitAsync()
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("A read session has nothing to commit.");
        }

        _committed = true;
        if (_member is not null)
        {
            await _member.CommitAsync(); // returns once the group's shared commit is durable
        }
        else
        {
            await Transaction.CommitAsync(CancellationToken);
        }

        if (_enqueued > 0)
        {
            _signal.Notify();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_member is not null)
            {
                await _member.DisposeAsync(); // the connection and transaction are the group's
            }
            else
            {
                if (Transaction is not null)
                {
                    await Transaction.DisposeAsync();
                }

                await Connection.DisposeAsync();
            }
        }
        finally
        {
            if (_marker is not null)
            {
                _marker.IsOpen = false;
            }
        }
    }

    /// <summary>Every statement of every store passes here (and through <see cref="QueryUnbufferedAsync{T}"/>).</summary>
    private CommandDefinition Command(string sql, object? parameters)
    {
        Sending(sql);
        return new(sql, parameters, Transaction, cancellationToken: CancellationToken);
    }

    private void Sending(string sql)
    {
        // On SQLite the transaction goes on after this session's commit, as the next session's (group commit).
        if (_committed)
        {
            throw new InvalidOperationException("This write session has committed; open a new session for more statements.");
        }

        SqlStatements.Sending(Dialect.Provider, sql);
    }
}
