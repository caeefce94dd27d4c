using System.Security.Cryptography;

namespace Finsam.Transparency.Tests;

/// <summary>
/// c2sp.org signed notes and cosignatures. The first two tests use the example key, text and note of Go's
/// golang.org/x/mod/sumdb/note documentation: Ed25519 is deterministic, so Finsam's note must be Go's byte for byte.
/// </summary>
public sealed class SignedNoteTests
{
    private const string GoPrivateKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static readonly NoteSigner Log = new("finsam.example/audit/v1", RandomNumberGenerator.GetBytes(32));
    private static readonly NoteSigner Witness = new("region.example/witness", RandomNumberGenerator.GetBytes(32), NoteVerifierKey.CosignatureType);
    private static readonly string Checkpoint = new TreeHead("finsam.example/audit/v1", 13, SHA256.HashData([1])).ToNoteText();

    [Fact]
    public void Gos_example_key_signs_gos_example_text_into_gos_example_note()
    {
        var signer = NoteSigner.Parse(GoPrivateKey);

        Assert.Equal(GoVerifierKey, signer.Verifier.ToString());
        Assert.Equal(GoNote, signer.Sign(GoText));
    }

    [Fact]
    public void Gos_example_note_opens_with_gos_verifier_key()
    {
        Assert.Equal(GoText, SignedNote.Open(GoNote, NoteVerifierKey.Parse(GoVerifierKey)!));
    }

    [Fact]
    public void A_note_whose_text_changed_under_its_signature_is_refused()
    {
        var note = Log.Sign(Checkpoint);

        Assert.Null(SignedNote.Open(note.Replace("\n13\n", "\n14\n", StringComparison.Ordinal), Log.Verifier));
    }

    [Fact]
    public void A_signature_by_another_key_is_skipped_and_the_logs_own_still_opens_the_note()
    {
        var stranger = new NoteSigner("stranger.example", RandomNumberGenerator.GetBytes(32));
        var note = Log.Sign(Checkpoint) + stranger.SignatureLine(Checkpoint);

        Assert.Equal(Checkpoint, SignedNote.Open(note, Log.Verifier));
        Assert.Null(SignedNote.Open(stranger.Sign(Checkpoint), Log.Verifier));
    }

    [Fact]
    public void A_bad_signature_under_the_logs_own_name_and_key_id_refuses_the_whole_note()
    {
        var impostor = new NoteSigner(Log.Verifier.Name, RandomNumberGenerator.GetBytes(32));
        var keyed = Convert.FromBase64String(impostor.SignatureLine(Checkpoint).TrimEnd('\n').Split(' ')[^1]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(keyed, Log.Verifier.KeyId);
        var note = Log.Sign(Checkpoint) + $"— {Log.Verifier.Name} {Convert.ToBase64String(keyed)}\n";

        Assert.Null(SignedNote.Open(note, Log.Verifier));
    }

    [Fact]
    public void A_witness_cosignature_verifies_with_its_cosigner_key_and_carries_its_time()
    {
        var note = Log.Sign(Checkpoint) + Witness.CosignatureLine(Checkpoint, 1_796_000_000);

        Assert.Equal(1_796_000_000, Cosignatures.CosignedAt(note, Witness.Verifier));
        Assert.Equal(Checkpoint, SignedNote.Open(note, Log.Verifier));
    }

    [Fact]
    public void A_cosignature_moved_onto_another_checkpoint_does_not_verify()
    {
        var other = new TreeHead("finsam.example/audit/v1", 14, SHA256.HashData([2])).ToNoteText();
        var note = Log.Sign(other) + Witness.CosignatureLine(Checkpoint, 1_796_000_000);

        Assert.Null(Cosignatures.CosignedAt(note, Witness.Verifier));
    }

    [Fact]
    public void A_witness_key_is_a_cosigner_key_with_its_own_key_id_and_cannot_open_notes()
    {
        var parsed = NoteVerifierKey.Parse(Witness.Verifier.ToString())!;

        Assert.Equal(NoteVerifierKey.CosignatureType, parsed.Type);
        Assert.NotEqual(new NoteSigner(Witness.Verifier.Name, [.. Enumerable.Repeat((byte)7, 32)]).Verifier.KeyId, parsed.KeyId);
        Assert.Null(SignedNote.Open(Log.Sign(Checkpoint), parsed));
    }

    [Theory]
    [InlineData("finsam.example/audit/v1\n013\nAQID\n")]
    [InlineData("finsam.example/audit/v1\n13\nAQID\n")]
    [InlineData("finsam.example/audit/v1\n-1\nbx+gDZrTh7vK25uU+P0NBSfe4zZjM2L9PhzoKr3FZcg=\n")]
    [InlineData("finsam.example/audit/v1\n13\nbx+gDZrTh7vK25uU+P0NBSfe4zZjM2L9PhzoKr3FZcg=")]
    [InlineData("\n13\nbx+gDZrTh7vK25uU+P0NBSfe4zZjM2L9PhzoKr3FZcg=\n")]
    public void A_checkpoint_text_with_leading_zeros_a_short_root_or_a_missing_line_is_not_one(string text)
    {
        Assert.Null(TreeHead.Parse(text));
    }

    [Fact]
    public void A_tlog_proof_file_reads_back_as_written_and_its_extra_line_is_ignored()
    {
        byte[][] hashes = [SHA256.HashData([1]), SHA256.HashData([2])];
        var file = TlogProof.Format(7, hashes, Log.Sign(Checkpoint));

        var read = TlogProof.Parse(file.Replace("c2sp.org/tlog-proof@v1\n", "c2sp.org/tlog-proof@v1\nextra aGVq\n", StringComparison.Ordinal))!;

        Assert.Equal(7, read.Index);
        Assert.Equal(hashes, read.Hashes);
        Assert.Equal(Log.Sign(Checkpoint), read.Checkpoint);
        Assert.Null(TlogProof.Parse(file.Replace("index 7", "index 07", StringComparison.Ordinal)));
    }
}
