using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Verifying;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.Audit.Tests;

/// <summary>
/// Group commit in the audit writer (issue 15, item 1): appends in flight together share one transaction, each caller
/// hears only after its batch committed, duplicates stay single within a batch, and a record that cannot be written
/// fails alone. The writer waits a little for more (the batch window) so that a test's burst is one batch.
/// </summary>
public sealed class GroupCommitTests : IAsyncDisposable
{
    private readonly ServiceTestFactory<AuditService> _factory = new();

    public GroupCommitTests()
    {
        _factory.Settings["Finsam:Audit:BatchWindow"] = "00:00:00.050";
        _factory.Settings["Finsam:Audit:CheckpointEvery"] = "50";
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private AuditLog Log => _factory.Services.GetRequiredService<AuditLog>();

    internal static AuditRecord View(int i) => new()
    {
        Action = AuditActions.View, Outcome = AuditOutcomes.Permitted, Actor = DemoActors.OvanakerCoach, PersonRef = AuditHarness.Person,
        Categories = ["referral"], Purpose = "ips-support", Reason = $"view {i}", OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return await session.ExecuteScalarAsync<T>(sql);
    }

    [Fact]
    public async Task Appends_in_flight_together_share_a_few_commits_and_the_chain_stays_whole()
    {
        var log = Log;
        var before = log.BatchesCommitted;

        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => log.AppendAsync(View(i), Guid.NewGuid(), TestContext.Current.CancellationToken)));

        Assert.All(appended, Assert.True);
        Assert.InRange(log.BatchesCommitted - before, 1, 3);
        Assert.Equal((200L, 1L, 200L), (await ScalarAsync<long>("SELECT COUNT(*) FROM audit_records"), await ScalarAsync<long>("SELECT MIN(sequence) FROM audit_records"),
            await ScalarAsync<long>("SELECT MAX(sequence) FROM audit_records")));
        Assert.Equal(4L, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints")); // every 50, inside the batch
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(TestContext.Current.CancellationToken);
        using var publicKey = _factory.Services.GetRequiredService<AuditSigningKey>().CreatePublicKey();
        Assert.True((await StoredChain.VerifyAsync(session, publicKey)).Valid);
    }

    [Fact]
    public async Task The_same_message_twice_in_one_batch_is_recorded_once()
    {
        var messageId = Guid.NewGuid();

        var appended = await Task.WhenAll(Log.AppendAsync(View(1), messageId, TestContext.Current.CancellationToken), Log.AppendAsync(View(1), messageId, TestContext.Current.CancellationToken));

        Assert.Equal([false, true], appended.Order());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_records"));
    }

    [Fact]
    public async Task Messages_whose_batch_cannot_commit_are_not_acknowledged_and_are_recorded_once_when_redelivered()
    {
        // While the switch is on, no record can be stored: every batch fails, whole and record by record.
        await ExecuteAsync("CREATE TABLE fail_switch (on_ INTEGER)");
        await ExecuteAsync("INSERT INTO fail_switch VALUES (1)");
        await ExecuteAsync("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_records WHEN EXISTS (SELECT 1 FROM fail_switch) BEGIN SELECT RAISE(ABORT, 'the disk refused'); END");
        var messages = Enumerable.Range(0, 10).Select(i => (Id: Guid.NewGuid(), Message: new AccessRecorded
        {
            Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = AuditHarness.Person, Categories = ["referral"],
            Purpose = "ips-support", Reason = $"view {i}", OccurredAt = DateTimeOffset.UtcNow,
        })).ToList();
        foreach (var (id, message) in messages)
        {
            await _factory.Harness.Bus.Publish(message, context => context.MessageId = id, TestContext.Current.CancellationToken);
        }

        // Each consume fails and is retried (the bus's retry policy): none is acknowledged while nothing is stored.
        await Eventually.HoldsAsync(() => Log.AppendsFailed >= 20); // every message failed at least twice
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_records"));

        await ExecuteAsync("DELETE FROM fail_switch");

        await Eventually.HoldsAsync(async () => await ScalarAsync<long>("SELECT COUNT(*) FROM audit_records") == 10, seconds: 30);
        Assert.Equal(10L, await ScalarAsync<long>("SELECT COUNT(DISTINCT message_id) FROM audit_records"));
        Assert.Equal(messages.Select(m => m.Id.ToString()).Order(), (await ColumnAsync("SELECT message_id FROM audit_records")).Order());
    }

    /// <summary>Sabotage behind the service's back, in SQLite's own dialect (not through the stores, whose SQL is also checked as T-SQL).</summary>
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().Settings.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return [.. await session.QueryAsync<string>(sql)];
    }

    [Fact]
    public async Task A_record_that_cannot_be_written_fails_alone_and_its_neighbours_are_recorded_once()
    {
        var broken = View(0) with { Actor = null! };
        var neighbours = Enumerable.Range(1, 20).Select(i => Log.AppendAsync(View(i), Guid.NewGuid(), TestContext.Current.CancellationToken)).ToList();
        var failing = Log.AppendAsync(broken, Guid.NewGuid(), TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        Assert.All(await Task.WhenAll(neighbours), Assert.True);
        Assert.Equal(20L, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_records"));
        Assert.Equal(20L, await ScalarAsync<long>("SELECT COUNT(DISTINCT message_id) FROM audit_records"));
    }
}
