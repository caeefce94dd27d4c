using System.Security.Cryptography;
using Finsam.Contracts.Api.Dev;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Gateway.Identity;

/// <summary>
/// The development identity of the embedded default: the seeded demo users can get a token without a
/// password. Off unless <c>Finsam:DevIdentity:Enabled=true</c>; production uses an OpenID Connect issuer.
/// It also stands in for e-legitimation: the residents of <c>Finsam:DevIdentity:Residents</c>, or any valid test
/// personnummer, sign in as themselves; their token carries the personRef, never the number (docs/adr/0026).
/// </summary>
public sealed class DevIdentity
{
    public const string Issuer = "finsam-dev";
    public const string Audience = "finsam";
    private readonly HmacTokenIssuer _tokens;

    public DevIdentity(IConfiguration configuration, TimeProvider clock)
    {
        _tokens = new HmacTokenIssuer(Issuer, configuration["Finsam:DevIdentity:SigningKey"],
            TimeSpan.FromMinutes(configuration.GetValue("Finsam:DevIdentity:TokenMinutes", 480)), clock);
        Residents = configuration.GetSection("Finsam:DevIdentity:Residents").Get<List<DemoResident>>() ?? [];
    }

    /// <summary>The demonstration's residents: fictitious people with Skatteverket test numbers.</summary>
    public IReadOnlyList<DemoResident> Residents { get; }

    public SymmetricSecurityKey SigningKey => _tokens.SigningKey;

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Finsam:DevIdentity:Enabled", false);

    public TimeSpan TokenLifetime => _tokens.Lifetime;

    public string IssueToken(StaffMember user) => _tokens.Issue(new Dictionary<string, object>
    {
        [GatewayClaims.UserId] = user.UserId,
        [GatewayClaims.Name] = user.Name,
        [GatewayClaims.Role] = user.Role,
        [GatewayClaims.Party] = user.Party,
        [GatewayClaims.Unit] = user.UnitId,
    });

    /// <summary>A resident's token: their pseudonym is the subject; the number they signed in with is not in it.</summary>
    public string IssueResidentToken(string personRef, string name) => _tokens.Issue(HmacTokenIssuer.ResidentClaims(personRef, name));
}

/// <summary>A resident of the demonstration county, signed in by name from the sign-in screen.</summary>
public sealed record DemoResident(string UserId, string Name, string Personnummer);

public static class DevIdentityEndpoints
{
    /// <summary>The name a resident signed in by number alone is shown with: the broker would give the real one.</summary>
    public const string UnnamedResident = "Testperson";

    public static void MapDevIdentity(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev").WithTags("Development identity (embedded default only)").AllowAnonymous();
        dev.MapGet("/users", (FinsamDirectory directory, DevIdentity identity) => TypedResults.Ok(directory.Staff
            .OrderBy(s => s.Party).ThenBy(s => s.UnitId).ThenBy(s => s.Role)
            .Select(s => new DevUser(s.UserId, s.Name, s.Role, s.Party, s.UnitId, directory.FindUnit(s.UnitId)?.Name))
            .Concat(identity.Residents.Select(r => new DevUser(r.UserId, r.Name, Roles.Resident, null, null, null)))
            .ToList()))
            .WithSummary("The seeded demo users: staff, then residents");
        dev.MapPost("/token", Token).WithSummary("A token for a demo user, or for a resident by test personnummer");
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Token(
        DevTokenRequest request, FinsamDirectory directory, DevIdentity identity, PersonRefGenerator personRefs, TimeProvider clock)
    {
        string? token = null;
        if (directory.FindStaff(request.UserId) is { } staff)
        {
            token = identity.IssueToken(staff);
        }
        else if (identity.Residents.FirstOrDefault(r => r.UserId == request.UserId) is { } resident
                 && Personnummer.TryParse(resident.Personnummer, SwedishTime.Today(clock), out var seeded, out _))
        {
            token = identity.IssueResidentToken(personRefs.For(seeded), resident.Name);
        }
        else if (request.UserId is null && request.Personnummer is not null)
        {
            if (!Personnummer.TryParse(request.Personnummer, SwedishTime.Today(clock), out var number, out var error))
            {
                return Problems.Invalid("personnummer", error);
            }

            token = identity.IssueResidentToken(personRefs.For(number), UnnamedResident);
        }

        return token is null
            ? Problems.Invalid("userId", "Okänd demoanvändare; se GET /dev/users.")
            : TypedResults.Ok(new DevTokenResponse(token, (int)identity.TokenLifetime.TotalSeconds));
    }
}
