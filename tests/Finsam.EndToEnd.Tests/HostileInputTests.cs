using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// What a black-box probe of the embedded default tried, as an attacker would: each gets a problem-details answer
/// with the right status, and nothing is stored.
/// </summary>
public sealed class HostileInputTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task A_body_with_a_duplicate_key_is_refused_and_nothing_is_stored()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var body = ReferralJson(personRef).Replace("\"reason\":", "\"reason\":\"Första\",\"reason\":", StringComparison.Ordinal);

        var response = await PostRawAsync("/api/referrals", body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await ReferralsOfAsync(personRef));
    }

    [Fact]
    public async Task A_lone_surrogate_escape_is_refused_naming_the_field()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var body = ReferralJson(personRef).Replace("\"Kim Andersson\"", "\"Kim \\ud800\"", StringComparison.Ordinal);

        var response = await PostRawAsync("/api/referrals", body, "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["contact.name"]);
        Assert.Empty(await ReferralsOfAsync(personRef));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_as_too_large()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var body = JsonSerializer.SerializeToNode(FinsamClient.Referral(personRef), FinsamClient.Json)!.AsObject();
        body["reason"] = new string('x', 31 * 1024 * 1024);

        // As a well-behaved client sends a large body: it waits for the server's word before sending it.
        var response = await PostRawAsync("/api/referrals", body.ToJsonString(), "application/json", expectContinue: true);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await ReferralsOfAsync(personRef));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task A_json_body_sent_as_another_media_type_is_refused_and_nothing_is_stored(string? mediaType)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);

        var response = await PostRawAsync("/api/referrals", ReferralJson(personRef), mediaType);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await ReferralsOfAsync(personRef));
    }

    [Fact]
    public async Task A_huge_purpose_is_a_validation_problem_and_never_reaches_the_grant()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consent = JsonSerializer.SerializeToNode(
            FinsamClient.SharingConsent(personRef, new string('p', 40 * 1024), FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "referral")),
            FinsamClient.Json)!;

        var response = await PostRawAsync("/api/consents", consent.ToJsonString(), "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["purpose"]);
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray());
    }

    [Theory]
    [InlineData("contact.name", "Kim\u0000Andersson")]
    [InlineData("contact.name", "Kim \u001b[31mAndersson")]
    [InlineData("contact.name", "Kim\r\nAndersson")]
    [InlineData("contact.name", "Kim \u202eAndersson")]
    [InlineData("reason", "Vill \u2066arbeta")]
    [InlineData("contact.phone", "070-123 45 67; DROP")]
    [InlineData("contact.email", "kim at example")]
    public async Task Free_text_with_characters_it_may_not_hold_is_refused_naming_the_field(string field, string value)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        var body = JsonSerializer.SerializeToNode(FinsamClient.Referral(personRef), FinsamClient.Json)!.AsObject();
        var (parent, name) = field.Split('.') is [var p, var n] ? (body[p]!.AsObject(), n) : (body, field);
        parent[name] = value;

        var response = await PostRawAsync("/api/referrals", body.ToJsonString(), "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await ReferralsOfAsync(personRef));
    }

    [Fact]
    public async Task A_multi_line_field_keeps_its_line_breaks()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        var body = JsonSerializer.SerializeToNode(FinsamClient.Referral(personRef), FinsamClient.Json)!.AsObject();
        body["reason"] = "Vill arbeta.\nHar varit sjukskriven i ett år.";

        var response = await PostRawAsync("/api/referrals", body.ToJsonString(), "application/json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Answers_carry_nosniff_and_no_server_header()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("GET /api/referrals%00 HTTP/1.1\r\nHost: localhost\r\n\r\n")]
    [InlineData("GET /api/referrals HTTP/1.1\r\nHost: localhost\r\nen rubrik utan kolon\r\n\r\n")]
    [InlineData("GET /api/referrals HTTP/1.1\r\n\r\n")]
    [InlineData("GET  HTTP/1.1\r\nHost: localhost\r\n\r\n")]
    public async Task A_request_the_server_cannot_parse_is_refused_as_problem_details(string request)
    {
        // Kestrel answers these itself, before any application code runs (docs/adr/0019); the bytes go over a
        // socket because no HTTP client would send them.
        var answer = await SendRawAsync(request);

        var (head, body) = (answer[..answer.IndexOf("\r\n\r\n", StringComparison.Ordinal)], answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.Ordinal);
        Assert.Contains("X-Content-Type-Options: nosniff", head, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal("/problems/bad-request", problem["type"]!.GetValue<string>());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_on_a_kept_alive_connection_pass_unchanged_before_a_request_the_server_cannot_parse()
    {
        var answer = await SendRawAsync("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/referrals%00 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Healthy", answer, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("}", answer, StringComparison.Ordinal);
    }

    /// <summary>Writes the bytes to the host's Kestrel port and reads until the server closes the connection.</summary>
    private async Task<string> SendRawAsync(string request)
    {
        using var client = app.CreateClient();
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(read.ToArray());
    }

    private static string ReferralJson(string personRef) => JsonSerializer.Serialize(FinsamClient.Referral(personRef), FinsamClient.Json);

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body, string? mediaType, bool expectContinue = false)
    {
        using var client = await _finsam.AsAsync(FinsamClient.Clinician);
        client.DefaultRequestHeaders.ExpectContinue = expectContinue;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    private async Task<IEnumerable<JsonNode>> ReferralsOfAsync(string personRef) =>
        (await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray().Where(r => r!["personRef"]!.GetValue<string>() == personRef)!;

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!;
    }
}
