using System.Security.Claims;
using Finsam.ServiceDefaults.Organization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// What a staff token may say about its bearer. An issuer proves who signed in; the staff directory (HSA-like)
/// says what that person is: role, party and unit. So after the signature, issuer, audience and expiry are
/// checked, a token is refused when its subject is not in the directory, when a role, party or unit it carries
/// disagrees with the directory, or when it was issued for longer than <c>Finsam:Authentication:MaxTokenLifetime</c>;
/// an accepted token's identity claims are the directory's.
/// </summary>
public sealed class StaffDirectoryCheck(FinsamDirectory directory, TimeSpan maxLifetime, ILogger<StaffDirectoryCheck> logger)
{
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromHours(8);

    /// <summary>The check with its settings read once, when the bearer options are built.</summary>
    public static StaffDirectoryCheck From(IConfiguration configuration, IServiceProvider services) => new(
        services.GetRequiredService<FinsamDirectory>(),
        configuration.GetValue("Finsam:Authentication:MaxTokenLifetime", DefaultMaxLifetime),
        services.GetRequiredService<ILogger<StaffDirectoryCheck>>());

    public Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var refusal = Refusal(context.Principal, context.SecurityToken as JsonWebToken, directory, maxLifetime, out var member);
        if (refusal is not null)
        {
            // Only a subject the directory knows is named (a staff id such as anna.lind): an unknown one could be
            // anything an issuer wrote, a personnummer included. The reason names no claim value.
            logger.LogWarning("Token for {Subject} refused: {Reason}", member?.UserId ?? "a subject not in the directory", refusal);
            context.Fail(refusal);
            return Task.CompletedTask;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(GatewayClaims.UserId, member!.UserId),
                new Claim(GatewayClaims.Name, member.Name),
                new Claim(GatewayClaims.Role, member.Role),
                new Claim(GatewayClaims.Party, member.Party),
                new Claim(GatewayClaims.Unit, member.UnitId),
            ],
            context.Scheme.Name, GatewayClaims.UserId, GatewayClaims.Role);
        context.Principal = new ClaimsPrincipal(identity);
        return Task.CompletedTask;
    }

    /// <summary>Why the token is refused, or null with the directory's entry for its subject.</summary>
    public static string? Refusal(ClaimsPrincipal? principal, JsonWebToken? token, FinsamDirectory directory, TimeSpan maxLifetime, out StaffMember? member)
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

        if (token is null || token.IssuedAt == DateTime.MinValue || token.ValidTo == DateTime.MinValue)
        {
            return "the token has no issue or expiry time";
        }

        return token.ValidTo - token.IssuedAt > maxLifetime ? "the token was issued for longer than allowed" : null;
    }
}
