using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Finsam.Audit.Checkpoints;

/// <summary>
/// A signed statement "the log had <see cref="Sequence"/> records and its head hash was
/// <see cref="HeadHash"/> at <see cref="SignedAt"/>, and the checkpoint signed before this one was at
/// <see cref="PreviousSequence"/> with head <see cref="PreviousHeadHash"/>". A <see cref="CheckpointKinds.Cut"/>
/// says in addition "and retention removed records 1 to <see cref="Sequence"/>, so the log now starts at the
/// record after it". The signature is ECDSA P-256 over SHA-256 of <see cref="SignedBytes"/>, in IEEE P1363
/// form (r‖s), base64. The kind and the previous checkpoint are part of the signed bytes, so an ordinary
/// checkpoint cannot be passed off as a cut, and a checkpoint removed from between two others is named by
/// the later one.
/// </summary>
/// <param name="PreviousSequence">
/// The checkpoint with the highest sequence when this one was signed; 0 when there was none. Null only on
/// checkpoints signed before checkpoints were chained, which name no previous one.
/// </param>
public sealed record Checkpoint(
    long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature, string Kind = CheckpointKinds.Ordinary,
    long? PreviousSequence = null, string? PreviousHeadHash = null)
{
    /// <summary>What a first checkpoint names as the one before it.</summary>
    public const long NoPrevious = 0;

    public byte[] SignedBytes() => SignedBytesOf(Sequence, HeadHash, SignedAt, Kind, PreviousSequence, PreviousHeadHash);

    /// <summary>
    /// <c>finsam-audit-checkpoint:v2|sequence|head hash|time|previous sequence|previous head hash</c> for an
    /// ordinary checkpoint, <c>finsam-audit-cut:v2|…</c> for a retention cut. Without a previous checkpoint the
    /// v1 forms (<c>finsam-audit-checkpoint:v1|sequence|head hash|time</c>, <c>finsam-audit-cut:v1|…</c>), so that
    /// checkpoints signed before chaining still verify; a chained checkpoint cannot be stripped to a v1 one,
    /// because its signature covers the v2 bytes. Another prefix, not a field an old verifier would ignore,
    /// keeps the statements apart.
    /// </summary>
    public static byte[] SignedBytesOf(
        long sequence, string headHash, DateTimeOffset signedAt, string kind = CheckpointKinds.Ordinary,
        long? previousSequence = null, string? previousHeadHash = null)
    {
        var chained = previousSequence is not null;
        var prefix = kind switch
        {
            CheckpointKinds.Ordinary => chained ? "finsam-audit-checkpoint:v2" : "finsam-audit-checkpoint:v1",
            CheckpointKinds.Cut => chained ? "finsam-audit-cut:v2" : "finsam-audit-cut:v1",
            _ => throw new ArgumentException($"Unknown checkpoint kind '{kind}'.", nameof(kind)),
        };
        var text = $"{prefix}|{sequence.ToString(CultureInfo.InvariantCulture)}|{headHash}|" +
            signedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        if (chained)
        {
            text += $"|{previousSequence!.Value.ToString(CultureInfo.InvariantCulture)}|{previousHeadHash}";
        }

        return Encoding.UTF8.GetBytes(text);
    }

    public bool IsSignedBy(ECDsa publicKey)
    {
        if (!CheckpointKinds.IsKnown(Kind))
        {
            return false;
        }

        try
        {
            return publicKey.VerifyData(SignedBytes(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public static class CheckpointKinds
{
    /// <summary>Signed every N records or T seconds: the head at that moment.</summary>
    public const string Ordinary = "ordinary";

    /// <summary>Signed by retention on the last record it removed: the kept log starts right after it.</summary>
    public const string Cut = "cut";

    public static bool IsKnown(string? kind) => kind is Ordinary or Cut;
}
