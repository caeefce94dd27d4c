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
        var twelve = personnummer.Replace("-", "", StringComparison.Ordinal);
        var ten = twelve[2..];
        var invalid = personnummer[..^1] + (char)('0' + ((personnummer[^1] - '0' + 1) % 10));
        string[] forms =
        [
            twelve, ten, personnummer, $"{ten[..6]}-{ten[6..]}", $"{ten[..6]}+{ten[6..]}",
            // A partial echo (a truncated value, or one without its check digit) still identifies the person.
            twelve[..^1], ten[..^1], $"{ten[..6]}-{ten[6..^1]}", $"{ten[..6]}+{ten[6..^1]}",
            invalid,
        ];

        var personRef = await RunTheWholeStoryAsync(personnummer, invalid);

        var logLines = app.LogLines.ToArray();
        var spans = app.Spans.ToArray();
        // The extract's URL carries the personRef, so seeing it proves the capture saw the story's requests.
        Assert.Contains(logLines, line => line.Contains(personRef, StringComparison.Ordinal));
        Assert.Contains(spans, span => span.Contains(personRef, StringComparison.Ordinal));
        foreach (var text in logLines.Concat(spans))
        {
            foreach (var form in forms)
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"'{form}' leaked in: {text}");
            }
        }
    }

    /// <summary>
    /// Lookup, consent, referral, queue, assignment, start, the clinician following it, revocation and the denied
    /// report after it, the auditor's search and the person's extract, and a lookup refused as invalid.
    /// </summary>
    private async Task<string> RunTheWholeStoryAsync(string personnummer, string invalid)
    {
        var personRef = await _finsam.LookUpAsync(personnummer);
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "started");
        await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/referrals/{referralId}");
        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/consents/{consentId}/revoke", new { reason = "Återkallat" }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", FinsamClient.Closing(), HttpStatusCode.OK);
        await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/persons/{personRef}/extract");
        var refused = await _finsam.SendAsync(FinsamClient.Clinician, HttpMethod.Post, "/api/persons/lookup", new { personnummer = invalid });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // The audit-search records of the auditor's requests travel through the gateway's outbox and the bus.
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?personRef={personRef}&action=audit-search&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(s => s!["reason"]!.GetValue<string>().Contains("/extract", StringComparison.Ordinal)));
        return personRef;
    }
}
