using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.EndToEnd.Tests;

/// <summary>Unauthorised access gets nothing, and what can be attributed to someone is recorded.</summary>
public sealed class AccessControlTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Theory]
    [InlineData(FinsamClient.BollnasCoordinator)]
    [InlineData(FinsamClient.BollnasCoach)]
    public async Task Staff_of_another_municipality_get_404_for_a_case_and_never_see_it_listed(string outsider)
    {
        var caseId = await QueuedCaseAsync();

        var response = await _finsam.SendAsync(outsider, HttpMethod.Get, $"/api/ips/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(outsider, "/api/ips/cases")).AsArray(), c => c!["caseId"]!.GetValue<Guid>() == caseId);
        if (outsider == FinsamClient.BollnasCoordinator)
        {
            Assert.DoesNotContain((await _finsam.GetJsonAsync(outsider, "/api/ips/queue")).AsArray(), c => c!["caseId"]!.GetValue<Guid>() == caseId);
        }
    }

    [Fact]
    public async Task A_look_at_another_units_case_is_recorded_as_a_denial()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);

        await _finsam.SendAsync(FinsamClient.BollnasCoordinator, HttpMethod.Get, $"/api/ips/cases/{caseId}");

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal(FinsamClient.BollnasCoordinator, denial["actor"]!["userId"]!.GetValue<string>());
        Assert.Equal("not-case-participant", denial["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coach_of_the_same_unit_does_not_see_a_colleagues_case()
    {
        var caseId = await QueuedCaseAsync();
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);

        var response = await _finsam.SendAsync("sara.nystrom", HttpMethod.Get, $"/api/ips/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_coach_cannot_assign()
    {
        var caseId = await QueuedCaseAsync();

        var response = await _finsam.SendAsync(FinsamClient.OvanakerCoach, HttpMethod.Post, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("queued", (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coordinator_cannot_assign_to_a_coach_of_another_unit()
    {
        var caseId = await QueuedCaseAsync();

        var response = await _finsam.SendAsync(FinsamClient.OvanakerCoordinator, HttpMethod.Post, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.BollnasCoach });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("coachUserId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clinician_cannot_read_the_ips_queue_and_the_attempt_is_recorded()
    {
        var response = await _finsam.SendAsync(FinsamClient.Clinician, HttpMethod.Get, "/api/ips/queue");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await FinsamClient.EventuallyAsync(async () =>
        {
            // The clinician's party follows up its own staff: the joint auditor and health care's auditor see the attempt.
            var denials = (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?userId={FinsamClient.Clinician}&outcome=denied&limit=500"))["items"]!.AsArray();
            return denials.FirstOrDefault(d => d!["reason"]!.GetValue<string>().Contains("/api/ips/queue", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Only_auditors_read_the_audit_log()
    {
        var response = await _finsam.SendAsync(FinsamClient.OvanakerCoordinator, HttpMethod.Get, "/api/audit/records");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task No_token_gets_401()
    {
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/ips/queue", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        var token = Token(Convert.ToBase64String(new byte[32]), DateTime.UtcNow.AddMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task A_well_signed_current_token_is_accepted()
    {
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddMinutes(10));

        Assert.Equal(HttpStatusCode.OK, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task A_token_for_a_subject_not_in_the_staff_directory_gets_401()
    {
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddMinutes(10), subject: "okand.person");

        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusWithAsync(token));
    }

    [Theory]
    [InlineData("role", "auditor")]
    [InlineData("party", "health-care")]
    [InlineData("unit", "bollnas-ips")]
    public async Task A_token_whose_claims_disagree_with_the_staff_directory_gets_401(string claim, string value)
    {
        // The coordinator of Ovanåker claiming another role, party or unit than the directory gives her.
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddMinutes(10), overriding: (claim, value));

        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task A_token_issued_for_longer_than_the_maximum_lifetime_gets_401()
    {
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddHours(9), issued: DateTime.UtcNow.AddMinutes(-1));

        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task A_token_without_role_party_or_unit_gets_them_from_the_staff_directory()
    {
        var token = Token(FinsamApp.DevSigningKey, DateTime.UtcNow.AddMinutes(10), identityClaims: false);

        Assert.Equal(HttpStatusCode.OK, await QueueStatusWithAsync(token));
    }

    [Fact]
    public async Task A_service_route_refuses_a_call_without_a_grant_even_with_a_users_token()
    {
        using var client = await _finsam.AsAsync(FinsamClient.OvanakerCoordinator);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/municipality/ips/queue", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<Guid> QueuedCaseAsync()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        return await _finsam.WaitForQueuedCaseAsync(personRef);
    }

    private async Task<HttpStatusCode> QueueStatusWithAsync(string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/ips/queue", TestContext.Current.CancellationToken)).StatusCode;
    }

    /// <summary>A coordinator's token as the development identity makes it, with the given key and expiry.</summary>
    private static string Token(
        string base64Key, DateTime expires, string subject = FinsamClient.OvanakerCoordinator, (string Claim, string Value)? overriding = null,
        DateTime? issued = null, bool identityClaims = true)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (identityClaims)
        {
            claims["role"] = "coordinator";
            claims["party"] = "municipality";
            claims["unit"] = FinsamClient.OvanakerIps;
        }

        if (overriding is { } changed)
        {
            claims[changed.Claim] = changed.Value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "finsam-dev",
            Audience = "finsam",
            IssuedAt = issued ?? expires.AddMinutes(-30),
            NotBefore = issued ?? expires.AddMinutes(-30),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256),
            Claims = claims,
        });
    }
}
