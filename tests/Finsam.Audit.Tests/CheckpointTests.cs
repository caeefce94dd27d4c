using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Verifying;

namespace Finsam.Audit.Tests;

/// <summary>Signed checkpoints: a forged or moved checkpoint, a cut tail and a cut start are all found (retention cuts: <see cref="RetentionCutTests"/>).</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private Checkpoint Sign(AuditRecord record) => Sign(record.Sequence, record.Hash);

    private Checkpoint Sign(long sequence, string hash)
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        return new Checkpoint(sequence, hash, at, AuditSigningKey.KeyIdOf(_key),
            Convert.ToBase64String(_key.SignData(Checkpoint.SignedBytesOf(sequence, hash, at), HashAlgorithmName.SHA256)));
    }

    [Fact]
    public void A_chain_with_genuine_checkpoints_verifies_and_names_the_last()
    {
        var records = AuditChainTests.Chain(6);

        var result = ChainVerifier.Verify(records, [Sign(records[2]), Sign(records[5])], _key);

        Assert.True(result.Valid);
        Assert.Equal(6, result.LastCheckpoint!.Sequence);
    }

    [Fact]
    public void A_checkpoint_whose_hash_was_changed_fails_its_signature()
    {
        var records = AuditChainTests.Chain(6);
        var forged = Sign(records[2]) with { HeadHash = records[3].Hash };

        var result = ChainVerifier.Verify(records, [forged], _key);

        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_checkpoint_signed_with_another_key_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var records = AuditChainTests.Chain(3);

        var result = ChainVerifier.Verify(records, [Sign(records[2])], other);

        Assert.Equal(3, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_rewritten_chain_no_longer_matches_its_checkpoint()
    {
        var records = AuditChainTests.Chain(4);
        var checkpoint = Sign(records[1]);
        records[1] = records[1] with { Reason = "rewritten" };
        records[1] = records[1] with { Hash = records[1].ComputeHash() };

        Assert.Equal(2, ChainVerifier.Verify(records, [checkpoint], _key).FirstInvalidSequence);
    }

    [Fact]
    public void Records_removed_from_the_end_are_found_when_a_checkpoint_covers_them()
    {
        var records = AuditChainTests.Chain(6);
        var checkpoint = Sign(records[5]);

        var result = ChainVerifier.Verify(records.Take(4), [checkpoint], _key);

        Assert.Equal(5, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_log_emptied_under_a_checkpoint_is_not_valid()
    {
        var records = AuditChainTests.Chain(3);

        Assert.Equal(1, ChainVerifier.Verify([], [Sign(records[2])], _key).FirstInvalidSequence);
    }

    [Fact]
    public void Records_removed_from_the_start_without_a_signed_anchor_are_found()
    {
        var records = AuditChainTests.Chain(6);

        Assert.Equal(1, ChainVerifier.Verify(records.Skip(2), [], _key).FirstInvalidSequence);
    }
}
