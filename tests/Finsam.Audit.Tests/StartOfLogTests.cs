using Finsam.Audit.Checkpoints;

namespace Finsam.Audit.Tests;

/// <summary>
/// The audit service alone, seven records with ordinary checkpoints at 3 and 6, the first four older than the
/// retention period: records removed from the start of the log are found online and offline, unless retention
/// removed them under a signed cut.
/// </summary>
public sealed class StartOfLogTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    public async ValueTask InitializeAsync()
    {
        await _audit.RecordViewsAsync(4, expired: true);
        await _audit.RecordViewsAsync(3);
    }

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    private static void AssertInvalidAt(long sequence, System.Text.Json.Nodes.JsonNode online)
    {
        Assert.False(online["valid"]!.GetValue<bool>());
        Assert.Equal(sequence, online["firstInvalidSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Records_deleted_from_the_start_are_found_online_at_record_1()
    {
        await _audit.TamperAsync("DELETE FROM audit_records WHERE sequence <= 5");

        AssertInvalidAt(1, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task Records_deleted_from_the_start_of_an_export_are_found_offline_at_record_1()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => Enumerable.Range(1, 5).Any(s => AuditHarness.IsRecord(l, s)));

        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task Records_deleted_up_to_an_ordinary_checkpoint_are_found_online_at_record_1()
    {
        await _audit.TamperAsync("DELETE FROM audit_records WHERE sequence <= 3");

        AssertInvalidAt(1, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task Records_and_checkpoints_deleted_up_to_an_ordinary_checkpoint_are_found_online_at_record_1()
    {
        await _audit.TamperAsync("DELETE FROM audit_records WHERE sequence <= 3; DELETE FROM audit_checkpoints WHERE sequence <= 3");

        AssertInvalidAt(1, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task Records_deleted_up_to_an_ordinary_checkpoint_in_an_export_are_found_offline_at_record_1()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => Enumerable.Range(1, 3).Any(s => AuditHarness.IsRecord(l, s)));

        Assert.Equal(1, (await _audit.VerifyOfflineAsync(lines)).FirstInvalidSequence);
    }

    [Fact]
    public async Task Retention_replaces_the_checkpoints_of_the_records_it_removes_with_one_signed_cut()
    {
        var removed = await _audit.ApplyRetentionAsync();

        Assert.Equal(4, removed);
        Assert.Equal(
            [(4L, CheckpointKinds.Cut), (6L, CheckpointKinds.Ordinary)],
            (await _audit.StoredCheckpointsAsync()).Select(c => (c.Sequence, c.Kind)));
    }

    [Fact]
    public async Task After_retention_the_log_verifies_online_from_its_signed_cut()
    {
        await _audit.ApplyRetentionAsync();

        var online = await _audit.VerifyOnlineAsync();

        Assert.True(online["valid"]!.GetValue<bool>(), online["problem"]?.ToString());
        Assert.Equal(3, online["records"]!.GetValue<long>());
        Assert.Equal(4, online["retentionCut"]!["sequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task After_retention_an_export_carries_the_cut_and_verifies_offline()
    {
        await _audit.ApplyRetentionAsync();

        var lines = await _audit.ExportAsync();
        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.Contains(lines, l => AuditHarness.IsCheckpoint(l, 4) && l.Contains("\"kind\":\"cut\"", StringComparison.Ordinal));
        Assert.True(result.Valid, result.Problem);
        Assert.Equal((3L, 4L), (result.Records, result.RetentionCut!.Sequence));
    }

    [Fact]
    public async Task Records_deleted_after_a_retention_cut_are_found_online_right_after_the_cut()
    {
        await _audit.ApplyRetentionAsync();

        await _audit.TamperAsync("DELETE FROM audit_records WHERE sequence = 5");

        AssertInvalidAt(5, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task Records_deleted_after_a_retention_cut_in_an_export_are_found_offline_right_after_the_cut()
    {
        await _audit.ApplyRetentionAsync();
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => AuditHarness.IsRecord(l, 5));

        Assert.Equal(5, (await _audit.VerifyOfflineAsync(lines)).FirstInvalidSequence);
    }

    [Fact]
    public async Task An_ordinary_checkpoint_relabelled_as_a_cut_in_the_store_is_found_online()
    {
        await _audit.TamperAsync("UPDATE audit_checkpoints SET kind = 'cut' WHERE sequence = 3; DELETE FROM audit_records WHERE sequence <= 3");

        AssertInvalidAt(3, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task An_ordinary_checkpoint_relabelled_as_a_cut_in_an_export_is_found_offline()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => Enumerable.Range(1, 3).Any(s => AuditHarness.IsRecord(l, s)));
        var checkpoint = lines.FindIndex(l => AuditHarness.IsCheckpoint(l, 3));
        lines[checkpoint] = lines[checkpoint].Replace("\"kind\":\"ordinary\"", "\"kind\":\"cut\"", StringComparison.Ordinal);

        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task Retention_refuses_to_cut_a_chain_that_is_already_broken_and_keeps_the_evidence()
    {
        await _audit.TamperAsync("UPDATE audit_records SET reason = 'rewritten' WHERE sequence = 2");

        var removed = await _audit.ApplyRetentionAsync();

        Assert.Equal(0, removed);
        Assert.Equal(7, await _audit.ScalarAsync("SELECT COUNT(*) FROM audit_records"));
        AssertInvalidAt(2, await _audit.VerifyOnlineAsync());
    }
}
