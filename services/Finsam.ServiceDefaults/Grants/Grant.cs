using System.Security.Claims;
using Finsam.Contracts.Sharing;
using Microsoft.AspNetCore.Http;

namespace Finsam.ServiceDefaults.Grants;

/// <summary>
/// A short-lived, signed statement attached to every call to a service: who acts, for what purpose, and,
/// when the call concerns one person, which categories the consent covers and under which consent.
/// Services read the caller only from here; they do not trust the network.
/// </summary>
public sealed record Grant(
    string Issuer,
    string Audience,
    Actor Actor,
    string Purpose,
    string? PersonRef,
    IReadOnlyList<string> Categories,
    Guid? ConsentId)
{
    public bool Covers(string category) => Categories.Contains(category);

    /// <summary>Minimal-API binding: the grant was validated by the grant authentication scheme.</summary>
    public static ValueTask<Grant?> BindAsync(HttpContext context) => ValueTask.FromResult(FromPrincipal(context.User));

    public static Grant? FromPrincipal(ClaimsPrincipal principal)
    {
        var identity = principal.Identities.FirstOrDefault(i => i.AuthenticationType == GrantDefaults.AuthenticationScheme && i.IsAuthenticated);
        if (identity is null)
        {
            return null;
        }

        string? Claim(string type) => identity.FindFirst(type)?.Value;
        var actor = new Actor(Claim(GrantClaims.UserId) ?? "", Claim(GrantClaims.Role) ?? "", Claim(GrantClaims.Party) ?? "", Claim(GrantClaims.Unit));
        return new Grant(
            Claim(GrantClaims.Issuer) ?? "",
            Claim(GrantClaims.Audience) ?? "",
            actor,
            Claim(GrantClaims.Purpose) ?? "",
            Claim(GrantClaims.Person),
            [.. identity.FindAll(GrantClaims.Category).Select(c => c.Value)],
            Guid.TryParse(Claim(GrantClaims.Consent), out var consentId) ? consentId : null);
    }
}

public static class GrantDefaults
{
    public const string AuthenticationScheme = "FinsamGrant";
    public const string HeaderName = "Finsam-Grant";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
}

public static class GrantClaims
{
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string UserId = "sub";
    public const string Role = "role";
    public const string Party = "party";
    public const string Unit = "unit";
    public const string Purpose = "purpose";
    public const string Person = "person";
    public const string Category = "cat";
    public const string Consent = "consent";
}
