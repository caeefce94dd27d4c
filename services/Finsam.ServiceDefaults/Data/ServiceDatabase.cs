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
    /// SQLite lets one connection write at a time. Write sessions of this process queue here, asynchronously
    /// and in turn, rather than in Microsoft.Data.Sqlite's busy loop, which blocks a thread-pool thread and
    /// sleeps 150 ms between attempts: under concurrent writers that loop let one writer through every
    /// 150 ms and starved the thread pool (bench/README.md, issue 6). Other processes on the same file still
    /// wait on the busy timeout. SQL Server has row locks and needs no gate.
    /// </summary>
    private readonly SemaphoreSlim? _sqliteWriter = settings.Provider == SqlProvider.Sqlite ? new(1, 1) : null;

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
        if (_sqliteWriter is not null)
        {
            await _sqliteWriter.WaitAsync(cancellationToken);
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken);
            // SQLite: an immediate transaction takes the write lock up front, so two writers queue on the
            // busy timeout instead of one of them failing when it upgrades a read lock.
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            return new DbSession(connection, transaction, Dialect, OutboxSignal, clock, cancellationToken, _sqliteWriter, marker);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _sqliteWriter?.Release();
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
