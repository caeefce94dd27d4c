using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Finsam.Contracts.Api.Residents;
using Finsam.Contracts.Persons;
using Finsam.Testing.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The embedded default as production signs people in: no development identity; staff through the county's OpenID
/// Connect server, residents through the e-legitimation broker and the gateway's token exchange (docs/adr/0028).
/// Both outside parties are one real OpenIddict server here.
/// </summary>
public sealed class ProductionSignInApp(TestIdentityProvider identityProvider) : FinsamApp
{
    /// <summary>Not the published demo key: outside the demonstration the gateway refuses that one.</summary>
    public const string PseudonymKey = "c2lnbi1pbi10ZXN0cy1wc2V1ZG9ueW0ta2V5LTMyYnk=";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Finsam:DevIdentity:Enabled", "false");
        builder.UseSetting("Finsam:PersonRef:Key", PseudonymKey);
        builder.UseSetting("Finsam:Authentication:Authority", identityProvider.Issuer);
        builder.UseSetting("Finsam:Authentication:Audience", TestIdentityProvider.FinsamResource);
        builder.UseSetting("Finsam:Authentication:RequireHttpsMetadata", "false");
        builder.UseSetting("Finsam:Authentication:Residents:Authority", identityProvider.Issuer);
        builder.UseSetting("Finsam:Authentication:Residents:ClientId", TestIdentityProvider.ResidentClient);
    }
}

public sealed class ProductionSignInTests : IAsyncLifetime
{
    private const string Number = "19850312-9820";
    private TestIdentityProvider _identityProvider = null!;
    private ProductionSignInApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _identityProvider = await TestIdentityProvider.StartAsync();
        _app = new ProductionSignInApp(_identityProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _identityProvider.DisposeAsync();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> GetWithAsync(string token, string path)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync(path, Cancel)).StatusCode;
    }

    private async Task<HttpResponseMessage> ExchangeAsync(string idToken)
    {
        using var client = _app.CreateClient();
        return await client.PostAsJsonAsync("/auth/resident-token", new ResidentTokenRequest(idToken), Cancel);
    }

    [Fact]
    public async Task When_the_broker_cannot_be_reached_the_exchange_is_a_bad_gateway_not_a_refusal()
    {
        var idToken = await _identityProvider.ResidentIdTokenAsync(Number, "Sara Lund");
        await _identityProvider.DisposeAsync(); // the broker goes away before the gateway first asks for its keys

        using var response = await ExchangeAsync(idToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_staff_member_signed_in_by_the_county_issuer_reaches_their_routes()
    {
        var token = await _identityProvider.StaffTokenAsync(FinsamClient.OvanakerCoordinator);

        Assert.Equal(HttpStatusCode.OK, await GetWithAsync(token, "/api/ips/queue"));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        await using var other = await TestIdentityProvider.StartAsync();
        var token = await other.StaffTokenAsync(FinsamClient.OvanakerCoordinator);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(token, "/api/ips/queue"));
    }

    [Fact]
    public async Task An_expired_token_from_the_county_issuer_is_refused()
    {
        var now = DateTime.UtcNow;
        var token = _identityProvider.Mint(now.AddHours(-2), now.AddHours(-1), new Dictionary<string, object> { ["sub"] = FinsamClient.OvanakerCoordinator });

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(token, "/api/ips/queue"));
    }

    [Fact]
    public async Task A_token_the_county_issuer_gave_for_another_api_is_refused()
    {
        var token = await _identityProvider.StaffTokenAsync(FinsamClient.OvanakerCoordinator, TestIdentityProvider.OtherApiScope);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(token, "/api/ips/queue"));
    }

    [Fact]
    public async Task A_resident_signed_in_by_the_broker_gets_a_token_under_their_personRef_without_the_number()
    {
        var idToken = await _identityProvider.ResidentIdTokenAsync(Number, "Sara Lund");

        var answer = await (await ExchangeAsync(idToken)).Content.ReadFromJsonAsync<ResidentTokenResponse>(Cancel);

        var expected = PersonRefOfNumber();
        Assert.Equal(expected, answer!.PersonRef);
        var token = new JsonWebToken(answer.AccessToken);
        Assert.Equal(expected, token.Subject);
        Assert.DoesNotContain("198503129820", Base64UrlDecode(token.EncodedPayload).Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await GetWithAsync(answer.AccessToken, "/api/me"));
    }

    [Fact]
    public async Task The_brokers_own_id_token_is_not_a_finsam_token()
    {
        var idToken = await _identityProvider.ResidentIdTokenAsync(Number);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(idToken, "/api/me"));
    }

    [Fact]
    public async Task An_id_token_issued_to_another_client_is_refused_at_the_exchange()
    {
        var (_, staffIdToken) = await _identityProvider.SignInAsync(TestIdentityProvider.StaffClient, Number, "openid profile");

        var answer = await ExchangeAsync(staffIdToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_staff_issuer_cannot_sign_a_resident_in_by_naming_the_residents_issuer()
    {
        var now = DateTime.UtcNow;
        var personRef = PersonRefOfNumber();
        var forged = _identityProvider.Mint(now, now.AddMinutes(30), new Dictionary<string, object> { ["sub"] = personRef, ["role"] = "resident" }, issuer: "finsam-gateway-residents");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(forged, "/api/me"));
    }

    private static string PersonRefOfNumber() => new PersonRefGenerator(Convert.FromBase64String(ProductionSignInApp.PseudonymKey))
        .For(Personnummer.Parse(Number, DateOnly.FromDateTime(DateTime.Today)));

    private static string Base64UrlDecode(string segment) => System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(segment));
}
