using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
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

        var authority = configuration["Finsam:Web:Authentication:Authority"];
        if (!DevSignIn(configuration) && !string.IsNullOrWhiteSpace(authority))
        {
            authentication.AddOpenIdConnect(OidcScheme, options =>
            {
                options.SignInScheme = Scheme;
                options.Authority = authority;
                options.ClientId = configuration["Finsam:Web:Authentication:ClientId"];
                options.ClientSecret = configuration["Finsam:Web:Authentication:ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.SaveTokens = false; // the access token is kept as one claim, below, not every token
                options.Scope.Add(configuration["Finsam:Web:Authentication:Scope"] ?? "finsam");
                options.CallbackPath = "/logga-in/oidc";
                options.Events.OnTokenValidated = context =>
                {
                    // The gateway validates the access token itself; the web only carries it.
                    if (context.Principal?.Identity is ClaimsIdentity identity && context.TokenEndpointResponse?.AccessToken is { } token)
                    {
                        identity.AddClaim(new Claim(WebClaims.AccessToken, token));
                    }

                    return Task.CompletedTask;
                };
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

    public static Task SignInAsync(HttpContext context, IEnumerable<Claim> claims, DateTimeOffset expiresAt) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, WebClaims.Name, WebClaims.Role)),
            new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = false });
}
