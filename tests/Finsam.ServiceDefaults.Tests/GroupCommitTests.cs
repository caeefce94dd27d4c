using Finsam.ServiceDefaults.Data;
using Finsam.Testing;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>
/// Issue 15, item 2: write sessions that wait for their turn share one commit, each in its own savepoint, each told
/// only after the shared commit, and one that fails does not undo the others.
/// </summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The host's migrated file, with a group commit of the test's own: the host's background writers do not join it.</summary>
    private static ServiceDatabase<OutboxTestService> OwnDatabase(OutboxHost host) => new(host.Database.Settings, TimeProvider.System);

    private static async Task InsertAsync(DbSession session, string reason) =>
        await session.ExecuteAsync("INSERT INTO effects (consent_id, reason) VALUES ('c', @Reason)", new { Reason = reason });

    private static async Task<List<string>> ReasonsAsync(ServiceDatabase<OutboxTestService> database)
    {
        await using var session = await database.ConnectAsync(Token);
        return [.. await session.QueryAsync<string>("SELECT reason FROM effects ORDER BY reason")];
    }

    /// <summary>Opens a session while <paramref name="first"/> holds the turn, inserts, and commits or gives up.</summary>
    private static async Task WriteAsync(ServiceDatabase<OutboxTestService> database, string reason, bool commit = true)
    {
        await using var session = await database.BeginAsync(CancellationToken.None);
        await InsertAsync(session, reason);
        if (commit)
        {
            await session.CommitAsync();
        }
    }

    [Fact]
    public async Task Sessions_that_wait_for_their_turn_share_one_commit()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();
        var database = OwnDatabase(host);
        var before = database.SharedCommits!.Value;

        var first = await database.BeginAsync(Token);
        await InsertAsync(first, "a");
        var waiting = Enumerable.Range(0, 10).Select(i => Task.Run(() => WriteAsync(database, $"b{i}"), Token)).ToList();
        await Eventually.HoldsAsync(() => database.WriteSessionsWaiting == 10);
        await first.CommitAsync();
        await first.DisposeAsync();
        await Task.WhenAll(waiting);

        Assert.Equal(11, (await ReasonsAsync(database)).Count);
        Assert.Equal(1, database.SharedCommits!.Value - before);
    }

    [Fact]
    public async Task A_session_is_told_of_its_commit_only_once_the_shared_commit_is_durable()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();
        var database = OwnDatabase(host);

        var first = await database.BeginAsync(Token);
        await InsertAsync(first, "first");
        var secondHasTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letSecondEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = Task.Run(async () =>
        {
            await using var session = await database.BeginAsync(CancellationToken.None);
            secondHasTurn.SetResult();
            await letSecondEnd.Task;
            await InsertAsync(session, "second");
            await session.CommitAsync();
        }, Token);
        await Eventually.HoldsAsync(() => database.WriteSessionsWaiting == 1);
        var firstCommit = first.CommitAsync();
        await secondHasTurn.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.False(firstCommit.IsCompleted);
        Assert.Empty(await ReasonsAsync(database)); // nothing is durable yet

        letSecondEnd.SetResult();
        await firstCommit.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await second.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await first.DisposeAsync();
        Assert.Equal(["first", "second"], await ReasonsAsync(database));
    }

    [Fact]
    public async Task One_failing_session_in_a_group_does_not_undo_its_neighbours()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();
        var database = OwnDatabase(host);

        var first = await database.BeginAsync(Token);
        await InsertAsync(first, "kept-1");
        var failing = Task.Run(async () =>
        {
            await using var session = await database.BeginAsync(CancellationToken.None);
            await InsertAsync(session, "undone");
            throw new InvalidOperationException("The handler failed after its insert.");
        }, Token);
        var third = Task.Run(() => WriteAsync(database, "kept-2"), Token);
        var abandoned = Task.Run(() => WriteAsync(database, "never-committed", commit: false), Token);
        await Eventually.HoldsAsync(() => database.WriteSessionsWaiting == 3);
        await first.CommitAsync();
        await first.DisposeAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await third;
        await abandoned;
        Assert.Equal(["kept-1", "kept-2"], await ReasonsAsync(database));
    }

    [Fact]
    public async Task A_committed_session_takes_no_more_statements()
    {
        await using var host = new OutboxHost();
        await host.StartAsync();

        await using var session = await OwnDatabase(host).BeginAsync(Token);
        await InsertAsync(session, "a");
        await session.CommitAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => InsertAsync(session, "b"));
    }
}
