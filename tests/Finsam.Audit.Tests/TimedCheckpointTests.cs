using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Contracts.Audit;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Audit.Tests;

/// <summary>
/// The audit service alone with a checkpoint every 1,000 records or 30 seconds, the timer on a clock the test
/// moves by hand: a quiet log is signed when the interval passes, and only when anything is new.
/// </summary>
public sealed class TimedCheckpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly ServiceTestFactory<AuditService> _factory = new();
    private readonly FakeTimeProvider _timerClock = new(DateTimeOffset.UtcNow);

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Finsam:Audit:CheckpointEvery"] = "1000";
        _factory.Settings["Finsam:Audit:CheckpointInterval"] = "00:00:30";
        _factory.TestServices = services =>
        {
            // Only the checkpoint timer runs on the fake clock; the rest of the service keeps real time.
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Checkpointer)));
            services.AddHostedService(sp => new Checkpointer(
                sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<IOptions<AuditOptions>>(), _timerClock, sp.GetRequiredService<ILogger<Checkpointer>>()));
        };
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task RecordViewsAsync(int count)
    {
        var before = await ScalarAsync("SELECT COUNT(*) FROM audit_records");
        for (var i = 0; i < count; i++)
        {
            await _factory.Harness.Bus.Publish(new AccessRecorded
            {
                Action = AuditActions.View, Actor = DemoActors.OvanakerCoach, PersonRef = AuditHarness.Person, Categories = ["referral"],
                Purpose = "ips-support", Reason = $"view {i}", OccurredAt = DateTimeOffset.UtcNow,
            }, Ct);
        }

        await Eventually.HoldsAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM audit_records") == before + count);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await session.ExecuteScalarAsync<long>(sql);
    }

    private async Task<IReadOnlyList<Checkpoint>> CheckpointsAsync()
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<AuditService>>().ConnectAsync(Ct);
        return await CheckpointStore.AllAsync(session);
    }

    [Fact]
    public async Task When_the_interval_passes_and_not_before_the_head_of_a_quiet_log_is_signed()
    {
        await RecordViewsAsync(2);
        _timerClock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(await CheckpointsAsync());

        _timerClock.Advance(TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(async () => (await CheckpointsAsync()).Count == 1);
        var checkpoint = Assert.Single(await CheckpointsAsync());
        Assert.Equal((2L, 0L), (checkpoint.Sequence, checkpoint.PreviousSequence!.Value));
    }

    [Fact]
    public async Task The_next_interval_signs_only_what_is_new_and_chains_to_the_last_checkpoint()
    {
        await RecordViewsAsync(2);
        _timerClock.Advance(Interval);
        await Eventually.HoldsAsync(async () => (await CheckpointsAsync()).Count == 1);
        await RecordViewsAsync(1);

        _timerClock.Advance(Interval);

        await Eventually.HoldsAsync(async () => (await CheckpointsAsync()).Count == 2);
        Assert.Equal([(2L, 0L), (3L, 2L)], (await CheckpointsAsync()).Select(c => (c.Sequence, c.PreviousSequence!.Value)));
    }
}
