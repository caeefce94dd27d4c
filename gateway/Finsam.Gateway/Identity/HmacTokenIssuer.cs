using System.Security.Cryptography;
using Finsam.Contracts.Codes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// Tokens the gateway signs itself (the development identity, residents' sessions): HMAC with a configured base64 key,
/// or a new key each start when none is configured (old tokens stop working, which only ends sessions).
/// </summary>
public sealed class HmacTokenIssuer(string issuer, string? configuredKey, TimeSpan lifetime, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public SymmetricSecurityKey SigningKey { get; } =
        new(string.IsNullOrWhiteSpace(configuredKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configuredKey)) { KeyId = issuer };

    public TimeSpan Lifetime => lifetime;

    /// <summary>A resident's claims: the personRef is the subject; no number, party or unit.</summary>
    public static Dictionary<string, object> ResidentClaims(string personRef, string name) => new()
    {
        [GatewayClaims.UserId] = personRef,
        [GatewayClaims.Name] = name,
        [GatewayClaims.Role] = Roles.Resident,
    };

    public string Issue(Dictionary<string, object> claims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = DevIdentity.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
            Claims = claims,
        });
    }
}
