using System.Net;
using System.Text.Json.Nodes;
using Finsam.Testing.Contract;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The public contract at <c>/openapi/v1.json</c> is the gateway's: its routes only, the bearer scheme on every
/// route that needs a token, a request schema for every body and a problem-details answer for every refusal.
/// </summary>
public sealed class PublicContractTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private static readonly string[] StandardRefusals = ["401", "403", "502"];

    private async Task<JsonNode> DocumentAsync(string name = "v1")
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync($"/openapi/{name}.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!)));

    [Fact]
    public async Task The_public_contract_holds_the_gateways_routes_only()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/api/referrals", paths);
        Assert.Contains("/api/meetings/{meetingId}/shared-view", paths);
        Assert.All(paths, path => Assert.True(path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/dev/", StringComparison.Ordinal), path));
    }

    /// <summary>What anyone may read: the audit log's checkpoint and the key that checks it hold no personal data (API.md, "Proofs").</summary>
    private static readonly string[] Public = ["/api/audit/checkpoint", "/api/audit/verifier-key"];

    [Fact]
    public async Task Only_the_audit_logs_checkpoint_and_verifier_key_are_public()
    {
        var document = await DocumentAsync();

        var open = Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal) && o.Operation["security"] is null).Select(o => o.Path);
        Assert.Equal(Public, open.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_route_that_needs_a_token_names_the_bearer_scheme_and_its_refusals()
    {
        var document = await DocumentAsync();

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.All(Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal) && !Public.Contains(o.Path)), o =>
        {
            Assert.NotNull(o.Operation["security"]?[0]?["Bearer"]);
            foreach (var status in StandardRefusals)
            {
                Assert.True(o.Operation["responses"]?[status]?["content"]?["application/problem+json"] is not null, $"{o.Method} {o.Path} {status}");
            }
        });
    }

    [Fact]
    public async Task Every_post_that_takes_a_body_describes_it_with_a_schema()
    {
        var document = await DocumentAsync();
        // Marking an action done, lifting a block and confirming a consent take no body; every other POST does.
        string[] bodiless = ["/done", "/lift", "/confirm"];
        var posts = Operations(document).Where(o => o.Method == "post" && !bodiless.Any(b => o.Path.EndsWith(b, StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(posts);
        Assert.All(posts, o => Assert.True(o.Operation["requestBody"]?["content"]?["application/json"]?["schema"] is not null, $"{o.Path}"));
    }

    [Fact]
    public async Task Each_service_describes_its_own_routes_in_a_document_of_its_own()
    {
        var paths = (await DocumentAsync("municipality"))["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/municipality/ips/queue", paths);
        Assert.All(paths, path => Assert.StartsWith("/municipality/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reference_to_browse_the_contract_is_served_without_anything_from_outside()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/api/reference/v1", TestContext.Current.CancellationToken);

        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }
}

/// <summary>The check every suite runs on its answers when its host stops finds what breaks the contract.</summary>
public sealed class ContractCheckTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private async Task<ContractCheck> CheckAsync()
    {
        using var client = app.CreateClient();
        return new ContractCheck(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject());
    }

    [Fact]
    public async Task An_answer_with_an_undocumented_status_breaks_the_contract()
    {
        var check = await CheckAsync();

        var problems = check.Check(new RecordedAnswer("GET", "/api/ips/queue", 418, "application/problem+json", "{}"));

        Assert.Contains(problems, p => p.Contains("status is not documented", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_does_not_match_its_schema_breaks_the_contract()
    {
        var check = await CheckAsync();

        var problems = check.Check(new RecordedAnswer("GET", "/api/persons/{personRef}/consents", 200, "application/json", """{"consents":"none"}"""));

        Assert.NotEmpty(problems);
    }

    [Fact]
    public async Task The_answers_of_a_real_call_keep_the_contract()
    {
        var finsam = new FinsamClient(app.CreateClient);
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await finsam.RecordReferralConsentAsync(personRef);
        await finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents");
        var check = await CheckAsync();

        var answers = app.Contract.Answers.Where(a => a.RouteTemplate.Contains("consents", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(answers);
        Assert.Empty(answers.SelectMany(check.Check));
    }
}
