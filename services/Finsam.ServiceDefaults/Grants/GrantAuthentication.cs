using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.ServiceDefaults.Grants;

public static class GrantAuthentication
{
    /// <summary>
    /// Validates the <c>Finsam-Grant</c> header as a JWT signed by a known issuer. Which issuers and which
    /// audience a service accepts is set per route group with <see cref="RequireGrant"/>.
    /// </summary>
    public static IServiceCollection AddGrantAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<GrantKeyRing>();
        services.AddSingleton<GrantIssuer>();
        services.AddAuthentication()
            .AddJwtBearer(GrantDefaults.AuthenticationScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(GrantDefaults.AuthenticationScheme)
            .Configure<GrantKeyRing, TimeProvider>((options, keys, clock) =>
            {
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = context.Request.Headers[GrantDefaults.HeaderName].FirstOrDefault();
                        return Task.CompletedTask;
                    },
                };
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    IssuerValidator = (issuer, _, _) => issuer,
                    ValidateAudience = false, // checked per route group against the service's own name
                    ValidateLifetime = true,
                    ClockSkew = GrantClockSkew,
                    // By the service's own clock, the one GrantIssuer signs with: a grant is alive by the same time the
                    // service stamps its records with (and a test that moves that clock moves both).
                    LifetimeValidator = (notBefore, expires, _, _) => IsAlive(notBefore, expires, clock.GetUtcNow().UtcDateTime),
                    // The key is chosen by the issuer the token claims, never by its kid header: otherwise a
                    // service could sign with its own key and claim to be the gateway.
                    IssuerSigningKeyResolver = (_, token, _, _) => token.Issuer is { Length: > 0 } issuer && keys.VerificationKeyFor(issuer) is { } key ? [key] : [],
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    AuthenticationType = GrantDefaults.AuthenticationScheme,
                    NameClaimType = GrantClaims.UserId,
                    RoleClaimType = GrantClaims.Role,
                };
            });
        return services;
    }

    private static readonly TimeSpan GrantClockSkew = TimeSpan.FromSeconds(30);

    private static bool IsAlive(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } end && now - GrantClockSkew < end && (notBefore is not { } start || start <= now + GrantClockSkew);

    /// <summary>
    /// Every route of the group needs a grant addressed to <paramref name="audience"/> and signed by one of
    /// <paramref name="trustedIssuers"/>. Anything else gets 401 and no data.
    /// </summary>
    public static TBuilder RequireGrant<TBuilder>(this TBuilder builder, string audience, params string[] trustedIssuers)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(GrantDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(GrantClaims.Audience, audience)
            .RequireClaim(GrantClaims.Issuer, trustedIssuers)
            .Build();
        return builder.RequireAuthorization(policy);
    }
}
