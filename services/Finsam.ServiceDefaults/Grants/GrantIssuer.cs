using Finsam.Contracts.Sharing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.ServiceDefaults.Grants;

/// <summary>Signs grants as the named issuer.</summary>
public sealed class GrantIssuer(GrantKeyRing keys, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public string Issue(
        string issuer,
        string audience,
        Actor actor,
        string purpose,
        string? personRef = null,
        IEnumerable<string>? categories = null,
        Guid? consentId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [GrantClaims.UserId] = actor.UserId,
            [GrantClaims.Role] = actor.Role,
            [GrantClaims.Party] = actor.Party,
            [GrantClaims.Purpose] = purpose,
            [GrantClaims.Category] = categories?.ToArray() ?? [],
        };
        if (actor.UnitId is not null)
        {
            claims[GrantClaims.Unit] = actor.UnitId;
        }

        if (personRef is not null)
        {
            claims[GrantClaims.Person] = personRef;
        }

        if (consentId is not null)
        {
            claims[GrantClaims.Consent] = consentId.Value.ToString();
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + GrantDefaults.Lifetime,
            Claims = claims,
            SigningCredentials = keys.SigningCredentialsFor(issuer),
        });
    }
}
