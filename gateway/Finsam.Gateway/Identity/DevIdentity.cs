using System.Security.Cryptography;
using Finsam.Contracts.Api.Dev;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// The development identity of the embedded default: the seeded demo users can get a token without a
/// password. Off unless <c>Finsam:DevIdentity:Enabled=true</c>; production uses an OpenID Connect issuer.
/// </summary>
public sealed class DevIdentity
{
    public const string Issuer = "finsam-dev";
    public const string Audience = "finsam";
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _clock;

    public DevIdentity(IConfiguration configuration, TimeProvider clock)
    {
        var configuredKey = configuration["Finsam:DevIdentity:SigningKey"];
        // Without a configured key each start makes a new one: old tokens stop working, which is fine for a demo.
        var key = string.IsNullOrWhiteSpace(configuredKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configuredKey);
        SigningKey = new SymmetricSecurityKey(key);
        _credentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256);
        TokenLifetime = TimeSpan.FromMinutes(configuration.GetValue("Finsam:DevIdentity:TokenMinutes", 480));
        _clock = clock;
    }

    public SymmetricSecurityKey SigningKey { get; }

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Finsam:DevIdentity:Enabled", false);

    public TimeSpan TokenLifetime { get; }

    public string IssueToken(StaffMember user)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TokenLifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [GatewayClaims.UserId] = user.UserId,
                [GatewayClaims.Name] = user.Name,
                [GatewayClaims.Role] = user.Role,
                [GatewayClaims.Party] = user.Party,
                [GatewayClaims.Unit] = user.UnitId,
            },
        });
    }
}

public static class DevIdentityEndpoints
{
    public static void MapDevIdentity(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev").WithTags("Development identity (embedded default only)").AllowAnonymous();
        dev.MapGet("/users", (FinsamDirectory directory) => TypedResults.Ok(directory.Staff
            .OrderBy(s => s.Party).ThenBy(s => s.UnitId).ThenBy(s => s.Role)
            .Select(s => new DevUser(s.UserId, s.Name, s.Role, s.Party, s.UnitId, directory.FindUnit(s.UnitId)?.Name))
            .ToList()))
            .WithSummary("The seeded demo users");
        dev.MapPost("/token", Results<Ok<DevTokenResponse>, ValidationProblem> (DevTokenRequest request, FinsamDirectory directory, DevIdentity identity) =>
            directory.FindStaff(request.UserId) is { } user
                ? TypedResults.Ok(new DevTokenResponse(identity.IssueToken(user), (int)identity.TokenLifetime.TotalSeconds))
                : Problems.Invalid("userId", "Okänd demoanvändare; se GET /dev/users."))
            .WithSummary("A token for a demo user");
    }
}
