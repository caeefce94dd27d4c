using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Finsam.Audit.Checkpoints;

/// <summary>
/// A signed statement "the log had <see cref="Sequence"/> records and its head hash was
/// <see cref="HeadHash"/> at <see cref="SignedAt"/>". The signature is ECDSA P-256 over SHA-256 of
/// <see cref="SignedBytes"/>, in IEEE P1363 form (r‖s), base64.
/// </summary>
public sealed record Checkpoint(long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    public byte[] SignedBytes() => SignedBytesOf(Sequence, HeadHash, SignedAt);

    public static byte[] SignedBytesOf(long sequence, string headHash, DateTimeOffset signedAt) => Encoding.UTF8.GetBytes(
        $"finsam-audit-checkpoint:v1|{sequence.ToString(CultureInfo.InvariantCulture)}|{headHash}|" +
        signedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    public bool IsSignedBy(ECDsa publicKey)
    {
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
