using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Finsam.EndToEnd.Tests;

/// <summary>What operations and clients rely on: health, the OpenAPI document, and no personnummer anywhere it should not be.</summary>
public sealed class PlatformTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task The_embedded_default_is_ready()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Readiness_covers_every_database_and_the_bus()
    {
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Where(r => r.Tags.Contains("ready")).Select(r => r.Name).ToList();

        Assert.Subset(checks.ToHashSet(), new HashSet<string>
        {
            "consent-database", "healthcare-database", "municipality-database", "audit-database", "gateway-database",
        });
        Assert.Contains(checks, name => name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_gateway_routes()
    {
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        foreach (var route in new[]
        {
            "/api/persons/lookup", "/api/consents", "/api/persons/{personRef}/consents", "/api/consents/{consentId}/revoke",
            "/api/referrals", "/api/referrals/{referralId}", "/api/ips/queue", "/api/ips/cases", "/api/ips/cases/{caseId}",
            "/api/ips/cases/{caseId}/assign", "/api/ips/cases/{caseId}/status", "/api/audit/records", "/api/audit/verify",
            "/api/meetings", "/api/meetings/{meetingId}", "/api/meetings/{meetingId}/shared-view", "/api/meetings/{meetingId}/minutes",
            "/api/meetings/{meetingId}/actions/{actionId}/done", "/api/audit/persons/{personRef}/extract", "/api/audit/export",
            "/dev/users", "/dev/token",
        })
        {
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_personnummer_reaches_a_log_line_or_a_trace_during_the_referral_story()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        var digits = personnummer.Replace("-", "", StringComparison.Ordinal);
        var personRef = await _finsam.LookUpAsync(personnummer);
        await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "assigned");
        await _finsam.SendAsync(FinsamClient.Clinician, HttpMethod.Post, "/api/persons/lookup", new { personnummer = personnummer[..^1] + "x" });

        Assert.NotEmpty(app.LogLines);
        Assert.NotEmpty(app.Spans);
        foreach (var text in app.LogLines.Concat(app.Spans))
        {
            Assert.DoesNotContain(digits[2..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(personnummer[2..], text, StringComparison.Ordinal);
        }
    }
}
