using Finsam.Contracts.Codes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

public static class GatewayAuthentication
{
    /// <summary>
    /// Bearer tokens from the development identity when it is enabled, otherwise staff's from the OpenID Connect
    /// issuer at <c>Finsam:Authentication:Authority</c> for audience <c>Finsam:Authentication:Audience</c>, and residents'
    /// from the gateway itself once the e-legitimation broker signed them in (<see cref="ResidentSessions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DevIdentity>();
        builder.Services.AddSingleton<ResidentSessions>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // Decided when the options are first needed, from the final configuration, not while services are registered.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IConfiguration, IServiceProvider>((options, configuration, services) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = GatewayClaims.UserId;
            options.TokenValidationParameters.RoleClaimType = GatewayClaims.Role;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.Events = new JwtBearerEvents { OnTokenValidated = StaffDirectoryCheck.From(configuration, services).OnTokenValidatedAsync };
            if (DevIdentity.IsEnabled(configuration))
            {
                options.TokenValidationParameters.ValidIssuer = DevIdentity.Issuer;
                options.TokenValidationParameters.ValidAudience = DevIdentity.Audience;
                options.TokenValidationParameters.IssuerSigningKey = services.GetRequiredService<DevIdentity>().SigningKey;
            }
            else
            {
                options.Authority = configuration["Finsam:Authentication:Authority"]
                    ?? throw new InvalidOperationException("Set Finsam:Authentication:Authority (OpenID Connect issuer) or enable Finsam:DevIdentity.");
                options.Audience = configuration["Finsam:Authentication:Audience"] ?? "finsam";
                options.RequireHttpsMetadata = configuration.GetValue("Finsam:Authentication:RequireHttpsMetadata", true);
                // Residents' tokens are the gateway's own (ResidentSessions); the staff issuer's keys and issuer are added
                // to these by the handler. Which key may sign which kind of token is StaffDirectoryCheck's to decide.
                var residents = services.GetRequiredService<ResidentSessions>();
                options.TokenValidationParameters.ValidIssuers = [ResidentSessions.Issuer];
                options.TokenValidationParameters.IssuerSigningKeys = [residents.SigningKey];
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Referrer, p => p.RequireAuthenticatedUser().RequireRole(Referrers.AllRoles))
            .AddPolicy(GatewayPolicies.Coordinator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator))
            .AddPolicy(GatewayPolicies.IpsStaff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator, Roles.Coach))
            .AddPolicy(GatewayPolicies.Auditor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor))
            .AddPolicy(GatewayPolicies.Analyst, p => p.RequireAuthenticatedUser().RequireRole(Roles.Analyst))
            .AddPolicy(GatewayPolicies.CaseWorker, p => p.RequireAuthenticatedUser().RequireRole(GatewayPolicies.CaseWorkerRoles))
            .AddPolicy(GatewayPolicies.Staff, p => p.RequireAuthenticatedUser().RequireRole([.. GatewayPolicies.CaseWorkerRoles, Roles.Auditor]))
            .AddPolicy(GatewayPolicies.Resident, p => p.RequireAuthenticatedUser().RequireRole(Roles.Resident))
            .AddPolicy(GatewayPolicies.CaseWorkerOrResident, p => p.RequireAuthenticatedUser().RequireRole([.. GatewayPolicies.CaseWorkerRoles, Roles.Resident]))
            .AddPolicy(GatewayPolicies.EmergencyAccess, p => p.RequireAuthenticatedUser().RequireRole(Roles.Clinician, Roles.SocialWorker));
        return builder;
    }
}
