using System.Net;

namespace Finsam.EndToEnd.Tests;

/// <summary>Use 3 through the gateway: only auditors review, and every review is itself on the record.</summary>
public sealed class AuditReviewThroughGatewayTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    public static TheoryData<string> AuditRoutes() =>
    [
        "/api/audit/records", "/api/audit/sample", "/api/audit/flags", "/api/audit/export?format=jsonl", "/api/audit/verify",
        "/api/audit/public-key", "/api/audit/persons/pr-0123456789abcdef0123456789abcdef/extract",
        "/api/audit/records/1/leaf", "/api/audit/records/1/tlog-proof", "/api/audit/proofs/inclusion?sequence=1&treeSize=1",
        "/api/audit/proofs/consistency?from=1&to=1",
    ];

    [Theory]
    [MemberData(nameof(AuditRoutes))]
    public async Task A_non_auditor_gets_403_from_every_audit_route_and_the_attempt_is_recorded(string route)
    {
        var response = await _finsam.SendAsync("lars.olsson", HttpMethod.Get, route);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var path = route.Split('?')[0].Replace("pr-0123456789abcdef0123456789abcdef", "{personRef}", StringComparison.Ordinal)
            .Replace("/records/1/", "/records/{sequence}/", StringComparison.Ordinal);
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/records?userId=lars.olsson&outcome=denied&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(d => d!["reason"]!.GetValue<string>().EndsWith(" " + path, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/api/audit/flags?to=0001-01-01T00:00:00Z")]
    [InlineData("/api/audit/flags?from=2999-01-01T00:00:00Z")]
    [InlineData("/api/audit/records?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/audit/records?cursor=abc'%20OR%201=1")]
    [InlineData("/api/audit/sample?size=100000")]
    [InlineData("/api/audit/export?format=csv&party=the-police")]
    [InlineData("/api/audit/verify?trustedSequence=9&trustedHeadHash=not-a-hash")]
    [InlineData("/api/audit/proofs/consistency?from=0&to=1")]
    [InlineData("/api/audit/proofs/inclusion?sequence=abc&treeSize=1")]
    [InlineData("/api/audit/proofs/inclusion?sequence=1&treeSize=999999999")]
    public async Task Bad_query_parameters_come_back_through_the_gateway_as_400_problem_details(string route)
    {
        var response = await _finsam.SendAsync(FinsamClient.Auditor, HttpMethod.Get, route);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/audit/records")]
    [InlineData("/api/audit/sample?size=3")]
    [InlineData("/api/audit/flags")]
    [InlineData("/api/audit/export?format=csv")]
    [InlineData("/api/audit/export?format=fhir")]
    public async Task Every_search_sample_flag_list_and_export_is_itself_recorded_as_an_audit_search(string route)
    {
        // A filter no one else uses marks this request's record among the auditor's others.
        var probe = $"probe.{Guid.NewGuid():N}";
        var response = await _finsam.SendAsync(FinsamClient.Auditor, HttpMethod.Get, $"{route}{(route.Contains('?', StringComparison.Ordinal) ? '&' : '?')}userId={probe}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var path = route.Split('?')[0].Replace("/api/", "", StringComparison.Ordinal);
        var record = await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?userId={FinsamClient.Auditor}&action=audit-search&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(r => r!["reason"]!.GetValue<string>().Contains(probe, StringComparison.Ordinal)));
        Assert.StartsWith(path + "?", record!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_persons_extract_names_the_units_that_accessed_their_data_and_the_request_is_recorded()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "share") == 2);

        var extract = await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/persons/{personRef}/extract");

        var units = extract["entries"]!.AsArray().Select(e => e!["unitName"]!.GetValue<string>()).ToList();
        Assert.Contains("Ovanåkers kommun, IPS-enheten (AME)", units);
        Assert.Contains("Region Gävleborg, Psykiatrin Hälsingland", units);
        // The record of the request travels through the gateway's outbox, so it lands a moment after the answer.
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?personRef={personRef}&action=audit-search&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(s => s!["reason"]!.GetValue<string>().Contains("/extract", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_export_streams_through_the_gateway_with_checkpoints_and_records()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.AuditRecordsAsync(personRef, r => r.Count > 0);
        using var client = await _finsam.AsAsync(FinsamClient.JointAuditor);

        var response = await client.GetAsync("/api/audit/export?format=jsonl", TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(lines, l => l.Contains("\"type\":\"record\"", StringComparison.Ordinal) && l.Contains(personRef, StringComparison.Ordinal));
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
    }
}
