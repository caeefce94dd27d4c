using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.ServiceDefaults.Grants;

/// <summary>
/// ECDSA P-256 keys per issuer (the gateway and each service that asks for decisions on its own).
/// Configured as PEM under <c>Finsam:Grants:SigningKeys:{issuer}</c> (private, for the issuers this host
/// signs as) and <c>Finsam:Grants:PublicKeys:{issuer}</c> (for the issuers it trusts). With
/// <c>Finsam:Grants:EphemeralKeys=true</c>, used by the one-process embedded default and tests only, keys
/// are made in memory at first use.
/// </summary>
/// <remarks>
/// Every call between services signs one grant and verifies one, so each key is read once and kept as the same
/// <see cref="SecurityKey"/>: IdentityModel caches its signature provider per key object, and a key made anew per
/// call would parse its PEM and work out its thumbprint on every request.
/// </remarks>
public sealed class GrantKeyRing
{
    private readonly IConfiguration _configuration;
    private readonly bool _ephemeral;
    private readonly ConcurrentDictionary<string, ECDsa> _ephemeralKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SigningCredentials> _signing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SecurityKey> _verification = new(StringComparer.Ordinal);

    public GrantKeyRing(IConfiguration configuration)
    {
        _configuration = configuration;
        _ephemeral = configuration.GetValue("Finsam:Grants:EphemeralKeys", false);
    }

    public SigningCredentials SigningCredentialsFor(string issuer) => _signing.GetOrAdd(issuer, name =>
    {
        var key = _ephemeral
            ? _ephemeralKeys.GetOrAdd(name, _ => ECDsa.Create(ECCurve.NamedCurves.nistP256))
            : Import(_configuration[$"Finsam:Grants:SigningKeys:{name}"], $"Finsam:Grants:SigningKeys:{name}");
        return new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = name }, SecurityAlgorithms.EcdsaSha256);
    });

    /// <summary>The key that verifies <paramref name="issuer"/>'s grants; null for an issuer this host does not know (yet).</summary>
    public SecurityKey? VerificationKeyFor(string issuer)
    {
        if (_verification.TryGetValue(issuer, out var known))
        {
            return known;
        }

        // An unknown issuer is not remembered: in the embedded default its key appears when it first signs.
        var key = _ephemeral
            ? _ephemeralKeys.TryGetValue(issuer, out var ephemeral) ? new ECDsaSecurityKey(ephemeral) { KeyId = issuer } : null
            : _configuration[$"Finsam:Grants:PublicKeys:{issuer}"] is { } pem ? new ECDsaSecurityKey(Import(pem, $"Finsam:Grants:PublicKeys:{issuer}")) { KeyId = issuer } : null;
        return key is null ? null : _verification.GetOrAdd(issuer, key);
    }

    private static ECDsa Import(string? pem, string key)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException($"{key} is not configured.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return ecdsa;
    }
}
