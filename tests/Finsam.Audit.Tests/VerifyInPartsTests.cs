using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Verifying;
using Finsam.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;

namespace Finsam.Audit.Tests;

/// <summary>
/// A large log is verified in two parts side by side (ADR 0044). Whatever was done to the store, the parts joined must
/// give exactly the answer of one pass: valid or not, the first bad sequence, the problem, the records and the head.
/// Eight records with checkpoints at 3 and 6: the parts meet between records 4 and 5.
/// </summary>
public sealed class VerifyInPartsTests : IAsyncLifetime
{
    private readonly AuditHarness _audit = new();

    public async ValueTask InitializeAsync() => await _audit.RecordViewsAsync(8);

    public ValueTask DisposeAsync() => _audit.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SELECT 0")]
    [InlineData("UPDATE audit_records SET reason = 'ändrad' WHERE sequence = 4")]
    [InlineData("UPDATE audit_records SET reason = 'ändrad' WHERE sequence = 5")]
    [InlineData("UPDATE audit_records SET previous_hash = hash WHERE sequence = 5")]
    [InlineData("DELETE FROM audit_records WHERE sequence = 4")]
    [InlineData("DELETE FROM audit_records WHERE sequence = 5")]
    [InlineData("DELETE FROM audit_records WHERE sequence IN (4, 5)")]
    [InlineData("UPDATE audit_records SET sequence = -1 WHERE sequence = 4; UPDATE audit_records SET sequence = 4 WHERE sequence = 5; UPDATE audit_records SET sequence = 5 WHERE sequence = -1")]
    [InlineData("UPDATE audit_checkpoints SET head_hash = (SELECT hash FROM audit_records WHERE sequence = 2) WHERE sequence = 3")]
    [InlineData("UPDATE audit_checkpoints SET head_hash = (SELECT hash FROM audit_records WHERE sequence = 5) WHERE sequence = 6")]
    [InlineData("DELETE FROM audit_records WHERE sequence >= 6")]
    [InlineData("DELETE FROM audit_records WHERE sequence <= 4")]
    [InlineData("UPDATE audit_records SET hash = previous_hash WHERE sequence = 8")]
    public async Task The_parts_joined_answer_exactly_as_one_pass(string tampering)
    {
        await _audit.TamperAsync(tampering);
        await using var session = await ConnectAsync();
        using var key = PublicKey();

        var inParts = await InPartsAsync(session, await CheckpointStore.AllAsync(session), from: 2);
        var onePass = await StoredChain.VerifyAsync(session, key);

        Assert.NotNull(inParts);
        Assert.Equal(Summary(onePass), Summary(inParts));
    }

    [Theory]
    [InlineData("SELECT 0")]
    [InlineData("DELETE FROM audit_records WHERE sequence >= 6; DELETE FROM audit_checkpoints WHERE sequence >= 6")]
    [InlineData("UPDATE audit_records SET reason = 'ändrad' WHERE sequence = 6")]
    public async Task With_a_checkpoint_the_auditor_holds_the_parts_joined_answer_exactly_as_one_pass(string tampering)
    {
        await using var session = await ConnectAsync();
        var held = (await CheckpointStore.AllAsync(session)).Single(c => c.Sequence == 6);
        var trusted = new TrustedHead(held.Sequence, held.HeadHash);
        await _audit.TamperAsync(tampering);
        using var key = PublicKey();

        var inParts = await InPartsAsync(session, await CheckpointStore.AllAsync(session), from: 2, trusted);
        var onePass = await StoredChain.VerifyAsync(session, key, trusted);

        Assert.NotNull(inParts);
        Assert.Equal(Summary(onePass), Summary(inParts));
    }

    [Fact]
    public async Task A_log_below_the_threshold_is_read_in_one_pass()
    {
        await using var session = await ConnectAsync();

        Assert.Null(await InPartsAsync(session, await CheckpointStore.AllAsync(session), from: 9));
    }

    [Fact]
    public async Task A_checkpoint_signed_after_the_checkpoints_were_read_makes_the_parts_step_aside()
    {
        await using var session = await ConnectAsync();
        var checkpoints = await CheckpointStore.AllAsync(session);
        await _audit.RecordViewsAsync(1); // record 9: the checkpoint at 9 is signed after the list above was read

        Assert.Null(await InPartsAsync(session, checkpoints, from: 2));
    }

    private Task<DbSession> ConnectAsync() => _audit.Service<ServiceDatabase<AuditService>>().ConnectAsync(Ct);

    private ECDsa PublicKey() => _audit.Service<AuditSigningKey>().CreatePublicKey();

    /// <summary>The parts' answer for the log the session reads, with the checkpoints as read; null when they step aside.</summary>
    private async Task<VerificationResult?> InPartsAsync(DbSession session, IReadOnlyList<Checkpoint> checkpoints, long from, TrustedHead? trusted = null)
    {
        using var key = PublicKey();
        return await SqliteChainReader.VerifyInPartsAsync((SqliteConnection)session.Connection, checkpoints, new ChainVerifier(checkpoints, key, trusted), from, Ct);
    }

    private static (bool, long, string, long?, string?, long?) Summary(VerificationResult result) =>
        (result.Valid, result.Records, result.HeadHash, result.FirstInvalidSequence, result.Problem, result.LastCheckpoint?.Sequence);
}
