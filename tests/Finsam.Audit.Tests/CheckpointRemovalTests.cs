using System.Net;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Exporting;

namespace Finsam.Audit.Tests;

/// <summary>
/// The audit service alone, nine records with chained checkpoints at 3, 6 and 9: a checkpoint removed from
/// the store or an export is found at its sequence, and a log cut back below the checkpoint an auditor kept,
/// with the checkpoints over the removed records, is found at the first missing record, online and offline.
/// </summary>
public sealed class CheckpointRemovalTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    public async ValueTask InitializeAsync() => await _audit.RecordViewsAsync(9);

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    private static void AssertInvalidAt(long sequence, System.Text.Json.Nodes.JsonNode online)
    {
        Assert.False(online["valid"]!.GetValue<bool>(), online.ToJsonString());
        Assert.Equal(sequence, online["firstInvalidSequence"]!.GetValue<long>());
    }

    private async Task<Checkpoint> NewestCheckpointAsync() => (await _audit.StoredCheckpointsAsync()).MaxBy(c => c.Sequence)!;

    [Fact]
    public async Task Every_checkpoint_names_the_one_signed_before_it()
    {
        var checkpoints = await _audit.StoredCheckpointsAsync();

        Assert.Equal([(3L, 0L), (6L, 3L), (9L, 6L)], checkpoints.Select(c => (c.Sequence, c.PreviousSequence!.Value)));
        Assert.True((await _audit.VerifyOnlineAsync(checkpoints[^1]))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_checkpoint_deleted_from_the_middle_of_the_store_is_found_online_at_its_sequence()
    {
        await _audit.TamperAsync("DELETE FROM audit_checkpoints WHERE sequence = 6");

        AssertInvalidAt(6, await _audit.VerifyOnlineAsync());
    }

    [Fact]
    public async Task A_checkpoint_deleted_from_the_middle_of_an_export_is_found_offline_at_its_sequence()
    {
        var lines = await _audit.ExportAsync();
        lines.RemoveAll(l => AuditHarness.IsCheckpoint(l, 6));

        var result = await _audit.VerifyOfflineAsync(lines);

        Assert.False(result.Valid);
        Assert.Equal(6, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task A_log_truncated_below_the_checkpoint_an_auditor_holds_is_found_online_at_the_first_missing_record()
    {
        var held = await NewestCheckpointAsync();
        await _audit.TamperAsync("DELETE FROM audit_records WHERE sequence >= 7; DELETE FROM audit_checkpoints WHERE sequence >= 7");

        AssertInvalidAt(7, await _audit.VerifyOnlineAsync(held));
    }

    [Fact]
    public async Task A_held_checkpoint_deleted_from_the_store_while_its_records_stay_is_found_online_at_its_sequence()
    {
        var held = await NewestCheckpointAsync();
        await _audit.TamperAsync("DELETE FROM audit_checkpoints WHERE sequence = 9");

        AssertInvalidAt(9, await _audit.VerifyOnlineAsync(held));
    }

    [Fact]
    public async Task An_export_truncated_below_a_checkpoint_from_an_earlier_export_is_found_offline_at_the_first_missing_record()
    {
        var earlier = await _audit.ExportAsync();
        var lines = earlier.Where(l => !Enumerable.Range(7, 3).Any(s => AuditHarness.IsRecord(l, s) || AuditHarness.IsCheckpoint(l, s))).ToList();

        var result = await _audit.VerifyOfflineAsync(lines, held: earlier);

        Assert.False(result.Valid);
        Assert.Equal(7, result.FirstInvalidSequence);
    }

    [Fact]
    public async Task The_verify_tool_with_a_trusted_checkpoint_exits_1_and_names_the_first_record_missing_below_it()
    {
        var earlier = await _audit.ExportAsync();
        await File.WriteAllLinesAsync(_audit.HeldPath, [AuditExport.Line(await NewestCheckpointAsync())], TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(_audit.ExportPath, earlier.Where(l => !AuditHarness.IsRecord(l, 9) && !AuditHarness.IsCheckpoint(l, 9)),
            TestContext.Current.CancellationToken);

        var (exitCode, output) = await OfflineVerificationTests.RunVerifyToolAsync(_audit.ExportPath, _audit.KeyPath, "--trusted-checkpoint", _audit.HeldPath);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("INVALID at sequence 9:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_tool_with_the_previous_export_exits_0_for_a_log_that_only_grew()
    {
        await _audit.ExportAsync();
        File.Copy(_audit.ExportPath, _audit.HeldPath);
        await _audit.RecordViewsAsync(2);
        await _audit.ExportAsync();

        var (exitCode, output) = await OfflineVerificationTests.RunVerifyToolAsync(_audit.ExportPath, _audit.KeyPath, "--previous-export", _audit.HeldPath);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("VALID: 11 records", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_checkpoint_that_is_not_a_hash_is_a_400()
    {
        using var client = _audit.AuditorClient();

        var response = await client.GetAsync("/audit/verify?trustedSequence=9&trustedHeadHash=not-a-hash", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Retention_signs_a_cut_chained_to_the_newest_checkpoint_and_the_log_still_verifies_against_it()
    {
        await using var aged = new AuditHarness();
        await aged.RecordViewsAsync(4, expired: true);
        await aged.RecordViewsAsync(3);
        var held = (await aged.StoredCheckpointsAsync()).MaxBy(c => c.Sequence)!;

        await aged.ApplyRetentionAsync();

        var cut = Assert.Single(await aged.StoredCheckpointsAsync(), c => c.Kind == CheckpointKinds.Cut);
        Assert.Equal((4L, 6L), (cut.Sequence, cut.PreviousSequence!.Value));
        Assert.True((await aged.VerifyOnlineAsync(held))["valid"]!.GetValue<bool>());
    }
}
