using System.Security.Cryptography;
using Finsam.Audit.Checkpoints;
using Finsam.Audit.Exporting;
using Finsam.Audit.Recording;
using Finsam.Audit.Verifying;

namespace Finsam.Audit.Tests;

/// <summary>
/// Where a log may start: at record 1, or right after a signed retention cut. An ordinary checkpoint never
/// explains a missing start, and a cut cannot be made from one without the signing key.
/// </summary>
public sealed class RetentionCutTests : IDisposable
{
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<AuditRecord> _records = AuditChainTests.Chain(6);

    public void Dispose() => _key.Dispose();

    private Checkpoint Ordinary(int sequence) => Sign(sequence, _records[sequence - 1].Hash, CheckpointKinds.Ordinary);

    /// <summary>The cut retention signs when it removes records 1 to <paramref name="lastRemoved"/>.</summary>
    private Checkpoint Cut(int lastRemoved) => Sign(lastRemoved, _records[lastRemoved - 1].Hash, CheckpointKinds.Cut);

    private Checkpoint Sign(long sequence, string hash, string kind) => new(sequence, hash, SignedAt, AuditSigningKey.KeyIdOf(_key),
        Convert.ToBase64String(_key.SignData(Checkpoint.SignedBytesOf(sequence, hash, SignedAt, kind), HashAlgorithmName.SHA256)), kind);

    private List<AuditRecord> From(int sequence) => [.. _records.Skip(sequence - 1)];

    [Fact]
    public void A_log_that_starts_right_after_a_signed_cut_verifies()
    {
        var result = ChainVerifier.Verify(From(4), [Cut(3), Ordinary(6)], _key);

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(3, result.Records);
        Assert.Equal(3, result.RetentionCut!.Sequence);
    }

    [Fact]
    public void A_log_that_starts_at_an_ordinary_checkpoint_is_missing_its_start()
    {
        // The reviewer's case: checkpoints at 3 and 6, records 1 to 5 deleted, the one at 3 left behind.
        var result = ChainVerifier.Verify(From(6), [Ordinary(3), Ordinary(6)], _key);

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_log_that_starts_right_after_an_ordinary_checkpoint_is_missing_its_start()
    {
        var result = ChainVerifier.Verify(From(4), [Ordinary(3), Ordinary(6)], _key);

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstInvalidSequence);
    }

    [Fact]
    public void Records_removed_after_a_cut_are_found_right_after_the_cut()
    {
        var result = ChainVerifier.Verify(From(5), [Cut(3), Ordinary(6)], _key);

        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstInvalidSequence);
    }

    [Fact]
    public void A_first_kept_record_that_does_not_link_to_the_cut_is_found()
    {
        var cutOnAnotherHash = Sign(3, _records[1].Hash, CheckpointKinds.Cut);

        Assert.Equal(4, ChainVerifier.Verify(From(4), [cutOnAnotherHash], _key).FirstInvalidSequence);
    }

    [Fact]
    public void An_ordinary_checkpoint_relabelled_as_a_cut_fails_its_signature()
    {
        var relabelled = Ordinary(3) with { Kind = CheckpointKinds.Cut };

        var result = ChainVerifier.Verify(From(4), [relabelled, Ordinary(6)], _key);

        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstInvalidSequence);
    }

    [Fact]
    public void Checkpoints_at_or_before_the_latest_cut_may_outlive_the_records_they_name()
    {
        var result = ChainVerifier.Verify(From(5), [Ordinary(1), Cut(2), Ordinary(3), Cut(4), Ordinary(6)], _key);

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(4, result.RetentionCut!.Sequence);
    }

    [Fact]
    public void A_log_that_starts_among_the_records_a_cut_removed_is_found_at_its_first_record()
    {
        Assert.Equal(2, ChainVerifier.Verify(From(2), [Cut(3)], _key).FirstInvalidSequence);
    }

    [Fact]
    public void A_complete_log_still_verifies_when_a_cut_names_one_of_its_records()
    {
        Assert.True(ChainVerifier.Verify(_records, [Cut(3), Ordinary(6)], _key).Valid);
    }

    [Fact]
    public void A_log_emptied_after_a_cut_is_found_right_after_the_cut()
    {
        Assert.Equal(4, ChainVerifier.Verify([], [Cut(3)], _key).FirstInvalidSequence);
    }

    [Fact]
    public void A_checkpoint_of_an_unknown_kind_is_refused_at_its_sequence()
    {
        var unknown = Ordinary(3) with { Kind = "anchor" };

        Assert.Equal(3, ChainVerifier.Verify(_records, [unknown], _key).FirstInvalidSequence);
    }

    [Fact]
    public void A_checkpoint_line_exported_before_kinds_existed_reads_as_ordinary_and_still_verifies()
    {
        var line = AuditExport.Line(Ordinary(3)).Replace(",\"kind\":\"ordinary\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("kind", line, StringComparison.Ordinal);

        var checkpoint = AuditExport.Read(line).Checkpoint!;

        Assert.Equal(CheckpointKinds.Ordinary, checkpoint.Kind);
        Assert.True(ChainVerifier.Verify(_records, [checkpoint], _key).Valid);
    }
}
