using System.Security.Claims;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Organization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// What a token may say about its bearer. An issuer proves who signed in; it does not decide what they may do.
/// After the signature, issuer, audience and expiry are checked, and for every token, one issued for longer than
/// <c>Finsam:Authentication:MaxTokenLifetime</c> is refused. Then:
/// <list type="bullet">
/// <item>a staff token is refused when its subject is not in the staff directory (HSA-like) or a role, party or unit it
/// carries disagrees with it; an accepted token's identity claims are the directory's;</item>
/// <item>a resident token (role <c>resident</c>) is accepted only from an issuer trusted for residents, signed with that
/// issuer's own key (the gateway's resident sessions, docs/adr/0028; the development identity when it is on), and only
/// with a personRef as its subject: it carries no party, unit or identity number (docs/adr/0026). So the staff issuer
/// cannot sign residents in, even by naming the residents' issuer.</item>
/// </list>
/// </summary>
public sealed class StaffDirectoryCheck(FinsamDirectory directory, TimeSpan maxLifetime, IReadOnlyDictionary<string, SecurityKey> residentIssuers, ILogger<StaffDirectoryCheck> logger)
{
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromHours(8);

    /// <summary>The check with its settings read once, when the bearer options are built.</summary>
    public static StaffDirectoryCheck From(IConfiguration configuration, IServiceProvider services) => new(
        services.GetRequiredService<FinsamDirectory>(),
        configuration.GetValue("Finsam:Authentication:MaxTokenLifetime", DefaultMaxLifetime),
        DevIdentity.IsEnabled(configuration)
            ? new Dictionary<string, SecurityKey> { [DevIdentity.Issuer] = services.GetRequiredService<DevIdentity>().SigningKey }
            : new Dictionary<string, SecurityKey> { [ResidentSessions.Issuer] = services.GetRequiredService<ResidentSessions>().SigningKey },
        services.GetRequiredService<ILogger<StaffDirectoryCheck>>());

    public Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var token = context.SecurityToken as JsonWebToken;
        var principal = context.Principal!;
        var resident = principal.FindFirstValue(GatewayClaims.Role) == Roles.Resident;
        StaffMember? member = null;
        var refusal = LifetimeRefusal(token, maxLifetime)
            ?? (resident ? ResidentRefusal(principal, token!, residentIssuers) : Refusal(principal, directory, out member));
        if (refusal is not null)
        {
            // Only a subject the directory knows is named (a staff id such as anna.lind): an unknown one could be
            // anything an issuer wrote, a personnummer included. The reason names no claim value.
            logger.LogWarning("Token for {Subject} refused: {Reason}", member?.UserId ?? (resident ? "a resident" : "a subject not in the staff directory"), refusal);
            context.Fail(refusal);
            return Task.CompletedTask;
        }

        Claim[] claims = resident
            ?
            [
                new Claim(GatewayClaims.UserId, principal.FindFirstValue(GatewayClaims.UserId)!),
                new Claim(GatewayClaims.Name, principal.FindFirstValue(GatewayClaims.Name) ?? ""),
                new Claim(GatewayClaims.Role, Roles.Resident),
            ]
            :
            [
                new Claim(GatewayClaims.UserId, member!.UserId),
                new Claim(GatewayClaims.Name, member.Name),
                new Claim(GatewayClaims.Role, member.Role),
                new Claim(GatewayClaims.Party, member.Party),
                new Claim(GatewayClaims.Unit, member.UnitId),
            ];
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, context.Scheme.Name, GatewayClaims.UserId, GatewayClaims.Role));
        return Task.CompletedTask;
    }

    /// <summary>Why a staff token is refused, or null with the directory's entry for its subject.</summary>
    public static string? Refusal(ClaimsPrincipal? principal, FinsamDirectory directory, out StaffMember? member)
    {
        member = directory.FindStaff(principal?.FindFirstValue(GatewayClaims.UserId));
        if (member is null)
        {
            return "the subject is not in the staff directory";
        }

        foreach (var (claim, value) in new[] { (GatewayClaims.Role, member.Role), (GatewayClaims.Party, member.Party), (GatewayClaims.Unit, member.UnitId) })
        {
            if (principal!.FindFirstValue(claim) is { } claimed && claimed != value)
            {
                return $"the token's {claim} disagrees with the staff directory";
            }
        }

        return null;
    }

    /// <summary>Why a resident token is refused: an issuer not trusted for residents or a key not its own, a subject that is no personRef, or staff claims.</summary>
    public static string? ResidentRefusal(ClaimsPrincipal principal, JsonWebToken token, IReadOnlyDictionary<string, SecurityKey> residentIssuers)
    {
        if (!residentIssuers.TryGetValue(token.Issuer, out var key))
        {
            return "the issuer is not trusted for residents";
        }

        if (!ReferenceEquals(token.SigningKey, key))
        {
            return "a resident token is not signed with its issuer's key";
        }

        if (!PersonRef.IsValid(principal.FindFirstValue(GatewayClaims.UserId)))
        {
            return "a resident token's subject is not a personRef";
        }

        return principal.HasClaim(c => c.Type is GatewayClaims.Party or GatewayClaims.Unit) ? "a resident token carries a party or unit" : null;
    }

    /// <summary>Why a token is refused for its lifetime: no issue or expiry time, or issued for longer than allowed.</summary>
    public static string? LifetimeRefusal(JsonWebToken? token, TimeSpan maxLifetime)
    {
        if (token is null || token.IssuedAt == DateTime.MinValue || token.ValidTo == DateTime.MinValue)
        {
            return "the token has no issue or expiry time";
        }

        return token.ValidTo - token.IssuedAt > maxLifetime ? "the token was issued for longer than allowed" : null;
    }
}
