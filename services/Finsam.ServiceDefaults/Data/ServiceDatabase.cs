using System.Data.Common;
using Finsam.ServiceDefaults.Messaging;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Finsam.ServiceDefaults.Data;

/// <summary>The database of one service. Nothing outside that service opens it.</summary>
public sealed class ServiceDatabase<TService>(DatabaseSettings settings, TimeProvider clock)
    where TService : IFinsamService
{
    static ServiceDatabase() => SqlTypeHandlers.Register();

    public DatabaseSettings Settings { get; } = settings;

    public SqlDialect Dialect { get; } = SqlDialect.For(settings.Provider);

    /// <summary>
    /// SQLite lets one connection write at a time. Write sessions of this process take turns here, asynchronously,
    /// rather than in Microsoft.Data.Sqlite's busy loop, which blocks a thread-pool thread and sleeps 150 ms between
    /// attempts (bench/README.md, issue 6); and sessions that come while others wait share one commit (issue 15). Other
    /// processes on the same file still wait on the busy timeout. SQL Server has row locks and batches its own log
    /// writes: each session has its own connection and transaction there.
    /// </summary>
    private readonly SqliteGroupCommit? _groupCommit = settings.Provider == SqlProvider.Sqlite ? new(settings.ConnectionString) : null;

    /// <summary>On SQLite, the commits made so far, each shared by the write sessions of its group; null on SQL Server.</summary>
    public long? SharedCommits => _groupCommit?.Commits;

    /// <summary>On SQLite, the write sessions waiting for their turn now (they will share a commit); null on SQL Server.</summary>
    public int? WriteSessionsWaiting => _groupCommit?.Waiting;

    /// <summary>Wakes the outbox relay when a commit has stored messages.</summary>
    public OutboxSignal OutboxSignal { get; } = new();

    /// <summary>A session without a transaction: for reads, and for single statements that commit by themselves.</summary>
    public async Task<DbSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        return new DbSession(connection, null, Dialect, OutboxSignal, clock, cancellationToken);
    }

    /// <summary>
    /// A session with a transaction; call <see cref="DbSession.CommitAsync"/> to keep its changes. Not <c>async</c>
    /// itself, so that the mark it sets for <see cref="WriteSessionGuard"/> stays with the caller.
    /// </summary>
    public Task<DbSession> BeginAsync(CancellationToken cancellationToken) => BeginAsync(WriteSessionGuard.Enter(), cancellationToken);

    private async Task<DbSession> BeginAsync(WriteSessionGuard.Marker marker, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenWriteSessionAsync(marker, cancellationToken);
        }
        catch
        {
            marker.IsOpen = false;
            throw;
        }
    }

    private async Task<DbSession> OpenWriteSessionAsync(WriteSessionGuard.Marker marker, CancellationToken cancellationToken)
    {
        if (_groupCommit is not null)
        {
            var member = await _groupCommit.JoinAsync(cancellationToken);
            return new DbSession(member.Connection, member.Transaction, Dialect, OutboxSignal, clock, cancellationToken, marker, member);
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new DbSession(connection, transaction, Dialect, OutboxSignal, clock, cancellationToken, marker);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Settings.Provider == SqlProvider.Sqlite
            ? new SqliteConnection(Settings.ConnectionString)
            : new SqlConnection(Settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
