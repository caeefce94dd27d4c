using Finsam.Contracts.Api.Residents;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// Residents' sign-in in production (docs/adr/0028). An e-legitimation broker (OpenID Connect, at
/// <c>Finsam:Authentication:Residents:Authority</c>) signs the person in to a client of Finsam's (the web, client id
/// <c>Finsam:Authentication:Residents:ClientId</c>) and puts their identity number in the ID token
/// (<c>Finsam:Authentication:Residents:PersonnummerClaim</c>, by default the Swedish OIDC profile's claim). The client
/// hands that ID token to <c>POST /auth/resident-token</c>; the gateway checks it against the broker's published keys,
/// turns the number into the personRef (a broker cannot hold the pseudonym key) and issues its own short-lived token
/// whose subject is the personRef. The number goes no further than this class.
/// </summary>
public sealed class ResidentSessions
{
    public const string Issuer = "finsam-gateway-residents";
    public const string DefaultPersonnummerClaim = "https://id.oidc.se/claim/personalIdentityNumber";

    /// <summary>The refusal when the broker's metadata cannot be had: the broker is away, not the person refused.</summary>
    public const string BrokerUnavailable = "the e-legitimation broker's metadata could not be fetched";
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly HmacTokenIssuer _tokens;
    private readonly TimeProvider _clock;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _broker;
    private readonly string? _clientId;
    private readonly string _personnummerClaim;

    public ResidentSessions(IConfiguration configuration, TimeProvider clock, IHttpClientFactory http)
    {
        var section = configuration.GetSection("Finsam:Authentication:Residents");
        // Replicas of the gateway must share a configured key, or residents of one are strangers to the other.
        _tokens = new HmacTokenIssuer(Issuer, section["SigningKey"], section.GetValue("TokenLifetime", TimeSpan.FromHours(1)), clock);
        _clock = clock;
        _personnummerClaim = section["PersonnummerClaim"] ?? DefaultPersonnummerClaim;
        _clientId = section["ClientId"];
        if (section["Authority"] is { Length: > 0 } authority)
        {
            var requireHttps = configuration.GetValue("Finsam:Authentication:RequireHttpsMetadata", true);
            _broker = new ConfigurationManager<OpenIdConnectConfiguration>(
                authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(http.CreateClient(nameof(ResidentSessions))) { RequireHttps = requireHttps });
        }
    }

    /// <summary>Whether a broker is configured: without one, residents sign in only through the development identity.</summary>
    public bool Enabled => _broker is not null;

    public SymmetricSecurityKey SigningKey => _tokens.SigningKey;

    public TimeSpan TokenLifetime => _tokens.Lifetime;

    /// <summary>The personRef and name of the person the broker's ID token signed in, or why it is refused (naming no claim value).</summary>
    public async Task<(string? PersonRef, string Name, string? Refusal)> IdentifyAsync(string idToken, PersonRefGenerator personRefs, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration broker;
        try
        {
            broker = await _broker!.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The metadata or keys could not be fetched (IDX20803): nothing about the token is known yet.
            return (null, "", BrokerUnavailable);
        }

        var result = await Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = broker.Issuer,
            ValidAudience = _clientId ?? throw new InvalidOperationException("Set Finsam:Authentication:Residents:ClientId (the client the broker issues ID tokens to)."),
            IssuerSigningKeys = broker.SigningKeys,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            // Finsam's clock, not the machine's: the tests move it.
            LifetimeValidator = (notBefore, expires, _, parameters) => Within(notBefore, expires, _clock.GetUtcNow().UtcDateTime, parameters.ClockSkew),
        });
        if (!result.IsValid)
        {
            return (null, "", "the broker's ID token is not valid: " + result.Exception?.GetType().Name);
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue<string>(_personnummerClaim, out var number)
            || !Personnummer.TryParse(number, SwedishTime.Today(_clock), out var parsed, out _))
        {
            return (null, "", "the broker's ID token carries no valid identity number");
        }

        var name = token.TryGetPayloadValue<string>("name", out var given) ? given : DevIdentityEndpoints.UnnamedResident;
        return (personRefs.For(parsed), name, null);
    }

    private static bool Within(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan skew) =>
        expires is { } end && end > now - skew && (notBefore is not { } start || start <= now + skew);

    /// <summary>A resident's token: the personRef is the subject; no number, party or unit is in it.</summary>
    public string IssueToken(string personRef, string name) => _tokens.Issue(HmacTokenIssuer.ResidentClaims(personRef, name));
}

public static class ResidentSignInEndpoints
{
    public static void MapResidentSignIn(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/resident-token", Exchange).AllowAnonymous().WithTags("Sign-in")
            .WithSummary("A resident's Finsam token for the e-legitimation broker's ID token (the number in it goes no further)");

    private static async Task<Results<Ok<ResidentTokenResponse>, ProblemHttpResult>> Exchange(
        ResidentTokenRequest request, ResidentSessions sessions, PersonRefGenerator personRefs, ILogger<ResidentSessions> logger, CancellationToken cancellationToken)
    {
        var (personRef, name, refusal) = await sessions.IdentifyAsync(request.IdToken ?? "", personRefs, cancellationToken);
        if (refusal == ResidentSessions.BrokerUnavailable)
        {
            logger.LogError("A resident could not sign in: {Reason}", refusal);
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "E-legitimationen svarar inte",
                detail: "Tjänsten för e-legitimation svarar inte just nu. Försök igen om en stund.");
        }

        if (personRef is null)
        {
            logger.LogWarning("A resident's sign-in was refused: {Reason}", refusal);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Inloggningen kunde inte bekräftas",
                detail: "E-legitimationens intyg godtogs inte. Logga in igen.");
        }

        return TypedResults.Ok(new ResidentTokenResponse(sessions.IssueToken(personRef, name), (int)sessions.TokenLifetime.TotalSeconds, personRef, name));
    }
}
