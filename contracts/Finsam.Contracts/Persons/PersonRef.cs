using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Finsam.Contracts.Persons;

/// <summary>
/// The keyed pseudonym that stands for a person in URLs, messages, logs and audit records:
/// <c>pr-</c> followed by 32 hex digits of HMAC-SHA256(deployment key, twelve-digit personnummer).
/// </summary>
public static class PersonRef
{
    public const string Prefix = "pr-";
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 35 } && value.StartsWith(Prefix, StringComparison.Ordinal)
        && !value.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);
}

/// <summary>Derives <see cref="PersonRef"/> values with the deployment's secret key.</summary>
public sealed class PersonRefGenerator
{
    private readonly byte[] _key;

    public PersonRefGenerator(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The pseudonym key must be at least 256 bits.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string For(Personnummer personnummer)
    {
        ArgumentNullException.ThrowIfNull(personnummer);
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(personnummer.Digits));
        return PersonRef.Prefix + Convert.ToHexStringLower(mac)[..32];
    }
}
