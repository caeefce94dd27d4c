using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Finsam.Audit.Checkpoints;

/// <summary>
/// A signed statement "the log had <see cref="Sequence"/> records and its head hash was
/// <see cref="HeadHash"/> at <see cref="SignedAt"/>". A <see cref="CheckpointKinds.Cut"/> says in addition
/// "and retention removed records 1 to <see cref="Sequence"/>, so the log now starts at the record after it".
/// The signature is ECDSA P-256 over SHA-256 of <see cref="SignedBytes"/>, in IEEE P1363 form (r‖s), base64.
/// The kind is part of the signed bytes, so an ordinary checkpoint cannot be passed off as a cut.
/// </summary>
public sealed record Checkpoint(long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature, string Kind = CheckpointKinds.Ordinary)
{
    public byte[] SignedBytes() => SignedBytesOf(Sequence, HeadHash, SignedAt, Kind);

    /// <summary>
    /// <c>finsam-audit-checkpoint:v1|sequence|head hash|time</c> for an ordinary checkpoint (unchanged since the
    /// first release, so checkpoints signed before kinds existed still verify), <c>finsam-audit-cut:v1|…</c> for a
    /// retention cut. Another prefix, not a field an old verifier would ignore, keeps the two statements apart.
    /// </summary>
    public static byte[] SignedBytesOf(long sequence, string headHash, DateTimeOffset signedAt, string kind = CheckpointKinds.Ordinary)
    {
        var prefix = kind switch
        {
            CheckpointKinds.Ordinary => "finsam-audit-checkpoint:v1",
            CheckpointKinds.Cut => "finsam-audit-cut:v1",
            _ => throw new ArgumentException($"Unknown checkpoint kind '{kind}'.", nameof(kind)),
        };
        return Encoding.UTF8.GetBytes(
            $"{prefix}|{sequence.ToString(CultureInfo.InvariantCulture)}|{headHash}|" +
            signedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
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
