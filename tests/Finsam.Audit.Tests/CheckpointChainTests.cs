using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Recording;
using Finsam.Audit.Verifying;

namespace Finsam.Audit.Tests;

/// <summary>
/// Each checkpoint signs the one before it: a checkpoint removed from between others is named at its own
/// sequence, and a checkpoint the auditor already holds catches a log cut back below it together with its
/// checkpoints (online and offline: <see cref="CheckpointRemovalTests"/>).
/// </summary>
public sealed class CheckpointChainTests : IDisposable
{
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<AuditRecord> _records = AuditChainTests.Chain(9);

    public void Dispose() => _key.Dispose();

    /// <summary>Ordinary checkpoints on the given records, each chained to the one before, as the audit log signs them.</summary>
    private List<Checkpoint> Chained(params int[] sequences)
    {
        var checkpoints = new List<Checkpoint>();
        foreach (var sequence in sequences)
        {
            checkpoints.Add(Sign(sequence, CheckpointKinds.Ordinary, checkpoints.LastOrDefault()));
        }

        return checkpoints;
    }

    private Checkpoint Sign(long sequence, string kind, Checkpoint? previous)
    {
        var (previousSequence, previousHash) = (previous?.Sequence ?? Checkpoint.NoPrevious, previous?.HeadHash ?? AuditOutcomes.GenesisHash);
        var hash = _records[(int)sequence - 1].Hash;
        var signature = _key.SignData(Checkpoint.SignedBytesOf(sequence, hash, SignedAt, kind, previousSequence, previousHash), HashAlgorithmName.SHA256);
        return new Checkpoint(sequence, hash, SignedAt, AuditSigningKey.KeyIdOf(_key), Convert.ToBase64String(signature), kind, previousSequence, previousHash);
    }

    private static TrustedHead Held(Checkpoint checkpoint) => new(checkpoint.Sequence, checkpoint.HeadHash);

    [Fact]
    public void Chained_checkpoints_over_an_untouched_log_verify()
    {
        var result = ChainVerifier.Verify(_records, Chained(3, 6, 9), _key, Held(Chained(3, 6, 9)[^1]));

        Assert.True(result.Valid, result.Problem);
    }

    [Fact]
    public void A_checkpoint_removed_from_between_two_others_is_found_at_its_sequence()
    {
        var checkpoints = Chained(3, 6, 9);
        checkpoints.RemoveAt(1);

        var result = ChainVerifier.Verify(_records, checkpoints, _key);

        Assert.False(result.Valid);
        Assert.Equal(6, result.FirstInvalidSequence);
    }

    [Fact]
    public void The_first_checkpoint_removed_is_found_at_its_sequence()
    {
        var checkpoints = Chained(3, 6, 9);
        checkpoints.RemoveAt(0);

        Assert.Equal(3, ChainVerifier.Verify(_records, checkpoints, _key).FirstInvalidSequence);
    }

    [Fact]
    public void A_chained_checkpoint_stripped_of_the_one_before_it_fails_its_signature()
    {
        var checkpoints = Chained(3, 6, 9);
        checkpoints[2] = checkpoints[2] with { PreviousSequence = null, PreviousHeadHash = null };
        checkpoints.RemoveAt(1);

        var result = ChainVerifier.Verify(_records, checkpoints, _key);

        Assert.False(result.Valid);
        Assert.Equal(9, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_log_cut_back_below_a_held_checkpoint_with_its_checkpoint_is_found_at_the_first_missing_record()
    {
        var checkpoints = Chained(3, 6, 9);
        var held = Held(checkpoints[2]);

        var result = ChainVerifier.Verify(_records.Take(6), checkpoints.Take(2), _key, held);

        Assert.False(result.Valid);
        Assert.Equal(7, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_log_cut_back_below_a_held_checkpoint_without_it_still_verifies_as_far_as_the_store_can_tell()
    {
        // The limit of a signed head that nobody outside holds: the reason the auditor keeps one.
        var checkpoints = Chained(3, 6, 9);

        Assert.True(ChainVerifier.Verify(_records.Take(6), checkpoints.Take(2), _key).Valid);
    }

    [Fact]
    public void The_newest_checkpoint_removed_while_its_records_stay_is_found_with_a_held_copy_at_its_sequence()
    {
        var checkpoints = Chained(3, 6, 9);

        var result = ChainVerifier.Verify(_records, checkpoints.Take(2), _key, Held(checkpoints[2]));

        Assert.False(result.Valid);
        Assert.Equal(9, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_record_rewritten_under_a_held_checkpoint_is_found_at_its_sequence_even_when_the_store_signs_nothing_over_it()
    {
        var held = new TrustedHead(8, _records[7].Hash);
        var rewritten = _records.Take(7).ToList();
        var changed = _records[7] with { Reason = "rewritten" };
        rewritten.Add(changed with { Hash = changed.ComputeHash() });

        Assert.Equal(8, ChainVerifier.Verify(rewritten, [], _key, held).FirstInvalidSequence);
    }

    [Fact]
    public void A_retention_cut_chains_to_the_newest_checkpoint_so_removing_that_one_and_its_records_is_found()
    {
        var checkpoints = Chained(3, 6);
        var cut = Sign(4, CheckpointKinds.Cut, checkpoints[1]);

        // Retention removed 1 to 4 and the checkpoint on 3; someone then removes 6 and the records from 6 on.
        var result = ChainVerifier.Verify(_records.Skip(4).Take(1), [cut], _key);

        Assert.False(result.Valid);
        Assert.Equal(6, result.FirstInvalidSequence);
    }

    [Fact]
    public void Checkpoints_that_a_retention_cut_removed_may_be_named_by_those_that_remain()
    {
        var checkpoints = Chained(3, 6, 9);
        var cut = Sign(4, CheckpointKinds.Cut, checkpoints[2]);

        var result = ChainVerifier.Verify(_records.Skip(4), [cut, checkpoints[1], checkpoints[2]], _key, Held(checkpoints[0]));

        Assert.True(result.Valid, result.Problem);
    }
}
