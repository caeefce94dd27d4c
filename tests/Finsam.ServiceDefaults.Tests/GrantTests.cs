using System.Net;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Grants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.ServiceDefaults.Tests;

/// <summary>Services do not trust the network: a call counts only with a fresh grant, signed by a trusted issuer, for this service.</summary>
public sealed class GrantTests : IAsyncLifetime
{
    private static readonly Actor Coach = new("erik.holm", "coach", "municipality", "ovanaker-ips");
    private WebApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Finsam:Grants:EphemeralKeys"] = "true";
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGrantAuthentication();
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGroup("/municipality").RequireGrant("municipality", "gateway")
            .MapGet("/whoami", (Grant grant) => $"{grant.Actor.UserId} {grant.PersonRef} {string.Join(',', grant.Categories)}");
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_valid_grant_tells_the_service_who_acts_and_what_is_granted()
    {
        var response = await CallWithAsync(Issue("gateway", "municipality", TimeProvider.System));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("erik.holm pr-0123456789abcdef0123456789abcdef referral,contact", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_call_without_a_grant_is_refused_with_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithAsync(null)).StatusCode);
    }

    [Fact]
    public async Task A_grant_for_another_service_is_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await CallWithAsync(Issue("gateway", "healthcare", TimeProvider.System))).StatusCode);
    }

    [Fact]
    public async Task A_grant_from_an_issuer_the_service_does_not_trust_is_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await CallWithAsync(Issue("healthcare", "municipality", TimeProvider.System))).StatusCode);
    }

    [Fact]
    public async Task An_expired_grant_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithAsync(Issue("gateway", "municipality", new ShiftedClock(TimeSpan.FromMinutes(-10))))).StatusCode);
    }

    [Fact]
    public async Task A_grant_with_a_changed_payload_is_refused()
    {
        var parts = Issue("gateway", "municipality", TimeProvider.System).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("referral", "diagnos1", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_grant_signed_with_a_services_own_key_cannot_claim_to_come_from_the_gateway()
    {
        var keys = _app.Services.GetRequiredService<GrantKeyRing>();
        keys.SigningCredentialsFor("gateway"); // the gateway's key exists, as it does in a running deployment
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "gateway",
            Audience = "municipality",
            Expires = DateTime.UtcNow.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "coordinator", ["party"] = "municipality" },
            SigningCredentials = keys.SigningCredentialsFor("healthcare"), // kid "healthcare", a key the service also knows
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallWithAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_grant_from_an_issuer_first_asked_about_before_it_signed_is_accepted_once_it_has_signed()
    {
        var keys = _app.Services.GetRequiredService<GrantKeyRing>();
        Assert.Null(keys.VerificationKeyFor("gateway")); // asked about before the gateway's first grant: unknown, and not remembered as such

        var response = await CallWithAsync(Issue("gateway", "municipality", TimeProvider.System));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string Issue(string issuer, string audience, TimeProvider clock) =>
        new GrantIssuer(_app.Services.GetRequiredService<GrantKeyRing>(), clock)
            .Issue(issuer, audience, Coach, "ips-support", "pr-0123456789abcdef0123456789abcdef", ["referral", "contact"]);

    private async Task<HttpResponseMessage> CallWithAsync(string? grant)
    {
        using var client = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/municipality/whoami");
        if (grant is not null)
        {
            request.Headers.Add(GrantDefaults.HeaderName, grant);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + shift;
    }
}
