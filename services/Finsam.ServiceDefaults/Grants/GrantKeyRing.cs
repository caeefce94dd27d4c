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
public sealed class GrantKeyRing
{
    private readonly IConfiguration _configuration;
    private readonly bool _ephemeral;
    private readonly ConcurrentDictionary<string, ECDsa> _ephemeralKeys = new(StringComparer.Ordinal);

    public GrantKeyRing(IConfiguration configuration)
    {
        _configuration = configuration;
        _ephemeral = configuration.GetValue("Finsam:Grants:EphemeralKeys", false);
    }

    public SigningCredentials SigningCredentialsFor(string issuer)
    {
        var key = _ephemeral
            ? _ephemeralKeys.GetOrAdd(issuer, _ => ECDsa.Create(ECCurve.NamedCurves.nistP256))
            : Import(_configuration[$"Finsam:Grants:SigningKeys:{issuer}"], $"Finsam:Grants:SigningKeys:{issuer}");
        return new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = issuer }, SecurityAlgorithms.EcdsaSha256);
    }

    public SecurityKey? VerificationKeyFor(string issuer)
    {
        if (_ephemeral)
        {
            return _ephemeralKeys.TryGetValue(issuer, out var key) ? new ECDsaSecurityKey(key) { KeyId = issuer } : null;
        }

        var pem = _configuration[$"Finsam:Grants:PublicKeys:{issuer}"];
        return pem is null ? null : new ECDsaSecurityKey(Import(pem, $"Finsam:Grants:PublicKeys:{issuer}")) { KeyId = issuer };
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
