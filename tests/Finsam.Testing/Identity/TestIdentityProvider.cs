using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Finsam.Testing.Identity;

/// <summary>
/// A real OpenID Connect server (OpenIddict) on a loopback port, playing the two outside parties Finsam trusts in
/// production: the county's identity provider for staff and the e-legitimation broker for residents. Each has its
/// client (authorization code with PKCE and a client secret). Who signs in is typed into its sign-in form, or given
/// as <c>login_hint</c> (posted, never in an address): a staff id, or a resident's personnummer, which the broker puts
/// in the ID token under the Swedish OIDC profile's claim, as real brokers do.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string StaffClient = "finsam-web";
    public const string ResidentClient = "finsam-web-eid";
    public const string ClientSecret = "test-only-client-secret";
    public const string FinsamResource = "finsam";
    /// <summary>A scope that asks for a token to another API: its audience is not Finsam's.</summary>
    public const string OtherApiScope = "other-api";
    public const string PersonnummerClaim = "https://id.oidc.se/claim/personalIdentityNumber";
    /// <summary>Where tests that are no browser say they wait for the code: never called, only read from the redirect.</summary>
    public const string TestRedirect = "http://127.0.0.1/callback";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey = new(RSA.Create(2048)) { KeyId = "test-idp-" + Guid.NewGuid().ToString("N")[..8] };

    private TestIdentityProvider(IReadOnlyDictionary<string, string> staffNames)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var store = "test-idp-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<ClientStore>(options => options.UseInMemoryDatabase(store).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ClientStore>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, FinsamResource, OtherApiScope);
                options.AddSigningKey(_signingKey).AddEphemeralEncryptionKey();
                options.DisableAccessTokenEncryption(); // a resource server (the gateway) reads plain JWTs
                options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        _app = builder.Build();
        _app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) => Authorize(context, staffNames));
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:40123/: what the gateway and the web are configured with.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Starts a provider whose staff sign-in knows these names (user id → name).</summary>
    public static async Task<TestIdentityProvider> StartAsync(IReadOnlyDictionary<string, string>? staffNames = null)
    {
        var provider = new TestIdentityProvider(staffNames ?? new Dictionary<string, string>());
        await provider._app.StartAsync();
        provider.Issuer = provider._app.Urls.First().TrimEnd('/') + "/";
        await provider.RegisterClientsAsync([]);
        return provider;
    }

    /// <summary>Registers both clients again with the web's callback besides the tests' one (the web's port is known only once it runs).</summary>
    public Task AllowWebAsync(string webBaseUrl) => RegisterClientsAsync([webBaseUrl.TrimEnd('/') + "/logga-in/oidc", webBaseUrl.TrimEnd('/') + "/logga-in/e-legitimation"]);

    private async Task RegisterClientsAsync(IReadOnlyList<string> webCallbacks)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, name, scopes) in new[] { (StaffClient, "Finsam (personal)", new[] { FinsamResource, OtherApiScope }), (ResidentClient, "Finsam (invånare)", Array.Empty<string>()) })
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = name,
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var extra in scopes)
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + extra);
            }

            foreach (var uri in webCallbacks.Append(TestRedirect))
            {
                descriptor.RedirectUris.Add(new Uri(uri));
            }

            if (await applications.FindByClientIdAsync(clientId) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor);
            }
            else
            {
                await applications.CreateAsync(descriptor);
            }
        }
    }

    /// <summary>
    /// Signs in as a browser would, without one: the authorization request with PKCE (posted, with the login hint), the
    /// code from the redirect, then the token request.
    /// </summary>
    public async Task<(string AccessToken, string IdToken)> SignInAsync(string clientId, string loginHint, string scope, string? name = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Issuer) };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["redirect_uri"] = TestRedirect, ["response_type"] = "code", ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString("N"), ["nonce"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["login_hint"] = loginHint,
        };
        if (name is not null)
        {
            authorize["name"] = name;
        }

        using var redirect = await http.PostAsync("connect/authorize", new FormUrlEncodedContent(authorize));
        if (redirect.StatusCode != HttpStatusCode.Redirect || redirect.Headers.Location is not { } location)
        {
            throw new InvalidOperationException($"The identity provider did not redirect with a code: {(int)redirect.StatusCode} {await redirect.Content.ReadAsStringAsync()}");
        }

        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"]
            ?? throw new InvalidOperationException("No code in the redirect: " + location.Query);
        using var tokens = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = TestRedirect,
            ["client_id"] = clientId, ["client_secret"] = ClientSecret, ["code_verifier"] = verifier,
        }));
        var body = await tokens.Content.ReadAsStringAsync();
        if (!tokens.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token request failed: {(int)tokens.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("access_token").GetString()!, json.RootElement.GetProperty("id_token").GetString()!);
    }

    /// <summary>A staff member's access token for Finsam (or, with <see cref="OtherApiScope"/>, for another API).</summary>
    public async Task<string> StaffTokenAsync(string userId, string scope = FinsamResource) =>
        (await SignInAsync(StaffClient, userId, $"{Scopes.OpenId} {Scopes.Profile} {scope}")).AccessToken;

    /// <summary>The broker's ID token for a resident signed in with this personnummer.</summary>
    public async Task<string> ResidentIdTokenAsync(string personnummer, string name = "Testperson Broker") =>
        (await SignInAsync(ResidentClient, personnummer, $"{Scopes.OpenId} {Scopes.Profile}", name)).IdToken;

    /// <summary>
    /// A token signed with this provider's own key as if it had issued it, for what a real server will not hand out on
    /// request: one that has already expired, or one that names another issuer than itself.
    /// </summary>
    public string Mint(DateTime issuedAt, DateTime expires, IDictionary<string, object> claims, string? issuer = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer ?? Issuer,
        Audience = FinsamResource,
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        Expires = expires,
        Claims = claims,
        SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
    });

    private static IResult Authorize(HttpContext context, IReadOnlyDictionary<string, string> staffNames)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var resident = request.ClientId == ResidentClient;
        if (string.IsNullOrWhiteSpace(request.LoginHint))
        {
            return Results.Content(SignInForm(request, resident), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        if (resident)
        {
            // Brokers give each person a subject of their own; the number is a claim beside it.
            identity.SetClaim(Claims.Subject, "eid-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.LoginHint)))[..16]);
            identity.SetClaim(PersonnummerClaim, request.LoginHint);
            identity.SetClaim(Claims.Name, (string?)request["name"] is { Length: > 0 } name ? name : "Testperson Broker");
        }
        else
        {
            identity.SetClaim(Claims.Subject, request.LoginHint);
            identity.SetClaim(Claims.Name, staffNames.GetValueOrDefault(request.LoginHint, request.LoginHint));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetResources(request.HasScope(OtherApiScope) ? OtherApiScope : FinsamResource);
        // The number is for the client that signed the person in, in the ID token only.
        identity.SetDestinations(claim => claim.Type == PersonnummerClaim ? [Destinations.IdentityToken] : [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The provider's own sign-in page: every parameter of the request posted back, with who signs in.</summary>
    private static string SignInForm(OpenIddictRequest request, bool resident)
    {
        var html = HtmlEncoder.Default;
        var hidden = string.Concat(request.GetParameters()
            .Where(p => p.Key is not ("login_hint" or "name"))
            .Select(p => $"<input type=\"hidden\" name=\"{html.Encode(p.Key)}\" value=\"{html.Encode((string?)p.Value ?? "")}\">"));
        var fields = resident
            ? "<p><label for=\"hint\">Personnummer</label> <input id=\"hint\" name=\"login_hint\" autocomplete=\"off\"></p>"
              + "<p><label for=\"name\">Namn</label> <input id=\"name\" name=\"name\"></p>"
            : "<p><label for=\"hint\">Användar-id</label> <input id=\"hint\" name=\"login_hint\"></p>";
        var title = resident ? "Test-e-legitimation" : "Testinloggning för personal";
        return $"<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1>"
            + $"<form method=\"post\" action=\"/connect/authorize\">{hidden}{fields}<button type=\"submit\">Legitimera</button></form></main></body></html>";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>OpenIddict's applications, authorizations and tokens, in memory for the provider's life.</summary>
    private sealed class ClientStore(DbContextOptions<ClientStore> options) : DbContext(options);
}
