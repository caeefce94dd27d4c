using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Finsam.Contracts.Api.Residents;
using Finsam.Web.Common;
using Finsam.Web.Gateway;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Finsam.Web.SignIn;

/// <summary>What the web's own cookie holds about the signed-in person; the token is what the gateway trusts.</summary>
public static class WebClaims
{
    public const string AccessToken = "finsam:access_token";
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Party = "party";
    public const string Unit = "unit";
    public const string UnitName = "unit_name";

    public static string UserIdOf(this ClaimsPrincipal user) => user.FindFirstValue(UserId) ?? "";

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(Role) ?? "";

    public static string PartyOf(this ClaimsPrincipal user) => user.FindFirstValue(Party) ?? "";

    public static string UnitOf(this ClaimsPrincipal user) => user.FindFirstValue(Unit) ?? "";
}

public static class WebAuthentication
{
    /// <summary>
    /// The web's scheme has its own name: in the embedded default the gateway's bearer scheme is the default
    /// one, and the pages must not answer to a bearer token nor the API to a cookie.
    /// </summary>
    public const string Scheme = "finsam-web";
    public const string OidcScheme = "finsam-web-oidc";
    public const string ResidentScheme = "finsam-web-eid";
    public const string Policy = "finsam-web-user";
    public const string SignInPath = "/logga-in";

    /// <summary>Development sign-in through the gateway's demo users when the development identity is on.</summary>
    public static bool DevSignIn(IConfiguration configuration) => configuration.GetValue("Finsam:DevIdentity:Enabled", false);

    public static IHostApplicationBuilder AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var authentication = builder.Services.AddAuthentication(options =>
        {
            // Only a host of its own (the web container) makes the cookie its default; the embedded default keeps the gateway's.
            options.DefaultSignInScheme ??= Scheme;
        }).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "finsam-web";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = "/ingen-atkomst";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false; // the gateway's token does not slide either
        });

        if (UsesOpenIdConnect(configuration))
        {
            // Staff: the county's identity provider says who signed in; the directory says their role and unit, as at the gateway.
            authentication.AddOpenIdConnect(OidcScheme, options =>
            {
                Configure(options, configuration.GetSection("Finsam:Web:Authentication"), "/logga-in/oidc", configuration);
                options.Scope.Add(configuration["Finsam:Web:Authentication:Scope"] ?? "finsam");
                options.Events.OnTokenValidated = StaffSignedInAsync;
            });
        }

        if (UsesResidentSignIn(configuration))
        {
            // Residents: the e-legitimation broker signs the person in; the gateway exchanges its ID token for Finsam's.
            authentication.AddOpenIdConnect(ResidentScheme, options =>
            {
                Configure(options, configuration.GetSection("Finsam:Web:Residents"), "/logga-in/e-legitimation", configuration);
                options.Events.OnTokenValidated = ResidentSignedInAsync;
            });
        }

        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(WebClaims.AccessToken));
        return builder;
    }

    public static bool UsesOpenIdConnect(IConfiguration configuration) =>
        !DevSignIn(configuration) && !string.IsNullOrWhiteSpace(configuration["Finsam:Web:Authentication:Authority"]);

    /// <summary>Residents sign in with e-legitimation through the broker at <c>Finsam:Web:Residents:Authority</c> (docs/adr/0028).</summary>
    public static bool UsesResidentSignIn(IConfiguration configuration) =>
        !DevSignIn(configuration) && !string.IsNullOrWhiteSpace(configuration["Finsam:Web:Residents:Authority"]);

    /// <summary>Authorization code with PKCE; no token is saved in the cookie but the gateway's access token, as one claim.</summary>
    private static void Configure(OpenIdConnectOptions options, IConfigurationSection section, string callbackPath, IConfiguration configuration)
    {
        options.SignInScheme = Scheme;
        options.Authority = section["Authority"];
        options.ClientId = section["ClientId"];
        options.ClientSecret = section["ClientSecret"];
        options.RequireHttpsMetadata = configuration.GetValue("Finsam:Web:RequireHttpsMetadata", true);
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.CallbackPath = callbackPath;
        options.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(SignInPath + "?misslyckad=true");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>The identity provider vouches for the subject; role, party and unit are the staff directory's, or no sign-in.</summary>
    private static Task StaffSignedInAsync(TokenValidatedContext context)
    {
        var directory = context.HttpContext.RequestServices.GetRequiredService<WebDirectory>();
        var member = directory.Staff.FirstOrDefault(s => s.UserId == context.Principal?.FindFirstValue(WebClaims.UserId));
        if (member is null || context.TokenEndpointResponse?.AccessToken is not { } token)
        {
            context.Fail("The subject is not in the staff directory.");
            return Task.CompletedTask;
        }

        context.Principal = Principal(
        [
            new(WebClaims.UserId, member.UserId), new(WebClaims.Name, member.Name), new(WebClaims.Role, member.Role),
            new(WebClaims.Party, member.Party), new(WebClaims.Unit, member.UnitId), new(WebClaims.UnitName, directory.UnitName(member.UnitId)),
            new(WebClaims.AccessToken, token),
        ]);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The broker's ID token goes to the gateway, which answers with the personRef and Finsam's token. The principal is
    /// built from that answer alone, so the identity number in the broker's token is not kept in the cookie.
    /// </summary>
    private static async Task ResidentSignedInAsync(TokenValidatedContext context)
    {
        var gateway = context.HttpContext.RequestServices.GetRequiredService<GatewayClient>();
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken;
        GatewayResult<ResidentTokenResponse>? answer = null;
        try
        {
            answer = idToken is null ? null : await gateway.PostAsync<ResidentTokenResponse>("auth/resident-token", new ResidentTokenRequest(idToken), context.HttpContext.RequestAborted);
        }
        catch (GatewaySessionExpiredException)
        {
            // The gateway refused the broker's token (401): no sign-in.
        }

        if (answer?.Value is not { } session)
        {
            context.Fail("The gateway did not accept the broker's ID token.");
            return;
        }

        context.Principal = Principal(
        [
            new(WebClaims.UserId, session.PersonRef), new(WebClaims.Name, session.Name), new(WebClaims.Role, "resident"),
            new(WebClaims.AccessToken, session.AccessToken),
        ]);
        context.Properties!.ExpiresUtc = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(session.ExpiresIn - 60);
    }

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) => new(new ClaimsIdentity(claims, Scheme, WebClaims.Name, WebClaims.Role));

    public static Task SignInAsync(HttpContext context, IEnumerable<Claim> claims, DateTimeOffset expiresAt) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, WebClaims.Name, WebClaims.Role)),
            new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = false });
}
