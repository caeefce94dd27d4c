using Microsoft.Data.Sqlite;

namespace Finsam.ServiceDefaults.Data;

/// <summary>
/// Group commit for the write sessions of one SQLite database in one process. SQLite lets one connection write at a
/// time, so write sessions take turns; a commit of its own would cost each session an fsync, and under load the disk's
/// flush rate, not the work, would bound the service. Instead, while other sessions are waiting for their turn, a
/// session that ends hands the open transaction on: each session works inside a savepoint of it, a session that fails
/// rolls back to its savepoint alone, and the last session of the group (no one waiting, or
/// <see cref="MaxSessionsPerCommit"/> reached) commits the transaction once for all of them. A session's commit returns
/// only after that shared commit is durable; if it fails, every session of the group is told so (a broken transaction,
/// such as a full disk, cannot keep anyone's changes). With no one waiting, a session commits alone, as before.
/// </summary>
internal sealed class SqliteGroupCommit(string connectionString)
{
    /// <summary>Bounds how long the first session of a busy group waits for the shared commit.</summary>
    public const int MaxSessionsPerCommit = 64;

    // The turn: who may use the open transaction now. Taken and handed on under the lock, so that a session either
    // gets the turn or gives up waiting, never both, and "hand on or commit" sees exactly who is waiting.
    private readonly Lock _turnLock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _turnTaken;

    /// <summary>The group whose transaction is open. Read and changed only by the session that holds the turn.</summary>
    private Group? _open;

    private long _commits;

    /// <summary>Sessions waiting for their turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (_turnLock)
            {
                return _waiting.Count(w => !w.Task.IsCompleted);
            }
        }
    }

    /// <summary>Shared commits made so far: each one fsync, however many sessions it kept.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public async Task<Member> JoinAsync(CancellationToken cancellationToken)
    {
        await TakeTurnAsync(cancellationToken);
        try
        {
            _open ??= await Group.OpenAsync(connectionString, cancellationToken);
        }
        catch
        {
            PassTurn();
            throw;
        }

        var group = _open;
        var savepoint = "session" + ++group.Sessions;
        try
        {
            await group.Transaction.SaveAsync(savepoint, CancellationToken.None);
        }
        catch (Exception exception)
        {
            group.Broken ??= exception;
            await EndTurnAsync(group);
            throw;
        }

        return new Member(this, group, savepoint);
    }

    private async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_turnLock)
        {
            if (!_turnTaken)
            {
                _turnTaken = true;
                return;
            }

            waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }

        // Given up: the turn is no longer handed to it (a waiter is either handed the turn or cancelled, never both).
        await using var giveUp = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        await waiter.Task;
    }

    /// <summary>Hands the turn to the next waiting session; false when no one is waiting (the caller keeps it).</summary>
    private bool TryHandTurnOn()
    {
        lock (_turnLock)
        {
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Hands the turn on, or leaves it free.</summary>
    private void PassTurn()
    {
        lock (_turnLock)
        {
            if (!TryHandTurnOn())
            {
                _turnTaken = false;
            }
        }
    }

    /// <summary>
    /// Called by the session that holds the turn as it ends: hands the open transaction to the next session, or commits
    /// it (or rolls it back, when no session kept changes or it broke) and then lets the next session begin a new one.
    /// </summary>
    private async Task EndTurnAsync(Group group)
    {
        if (group.Broken is null && group.Sessions < MaxSessionsPerCommit && TryHandTurnOn())
        {
            return; // the next session joins this group
        }

        _open = null;
        try
        {
            if (group.Broken is null && group.Kept > 0)
            {
                await group.Transaction.CommitAsync(CancellationToken.None);
                Interlocked.Increment(ref _commits);
                group.Durable.SetResult();
            }
            else
            {
                await group.Transaction.RollbackAsync(CancellationToken.None);
                if (group.Broken is not null)
                {
                    Fail(group, new InvalidOperationException("The shared transaction broke, so no session of its group was kept.", group.Broken));
                }
            }
        }
        catch (Exception exception)
        {
            Fail(group, exception);
        }
        finally
        {
            await group.DisposeAsync();
            PassTurn();
        }
    }

    /// <summary>Tells the sessions that kept changes in the group that they are lost (no one else awaits the commit).</summary>
    private static void Fail(Group group, Exception exception)
    {
        if (group.Kept > 0)
        {
            group.Durable.TrySetException(exception);
        }
    }

    internal sealed class Group(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteTransaction Transaction { get; } = transaction;

        /// <summary>Sessions that took part, kept or not (each had a savepoint).</summary>
        public int Sessions { get; set; }

        /// <summary>Sessions whose changes are in the transaction, waiting for the shared commit.</summary>
        public int Kept { get; set; }

        public Exception? Broken { get; set; }

        /// <summary>Completes when the shared commit is durable, or fails with why it is not.</summary>
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Group> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                // Immediate: the transaction takes the write lock up front, so a writer of another process waits on the
                // busy timeout instead of one of them failing when it upgrades a read lock.
                return new Group(connection, connection.BeginTransaction(deferred: false));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    /// <summary>One write session's part of a group: its savepoint, and the turn while it lasts.</summary>
    internal sealed class Member(SqliteGroupCommit owner, Group group, string savepoint) : IAsyncDisposable
    {
        private bool _ended;

        public SqliteConnection Connection => group.Connection;

        public SqliteTransaction Transaction => group.Transaction;

        /// <summary>Keeps this session's changes, ends its turn, and returns once the group's commit is durable.</summary>
        public async Task CommitAsync()
        {
            await group.Transaction.ReleaseAsync(savepoint, CancellationToken.None);
            group.Kept++;
            _ended = true;
            await owner.EndTurnAsync(group);
            await group.Durable.Task;
        }

        /// <summary>Without a commit, undoes this session's changes alone and ends its turn.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            try
            {
                await group.Transaction.RollbackAsync(savepoint, CancellationToken.None);
                await group.Transaction.ReleaseAsync(savepoint, CancellationToken.None);
            }
            catch (Exception exception)
            {
                group.Broken ??= exception;
            }

            await owner.EndTurnAsync(group);
        }
    }
}
