using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>Bad input gets a clear problem-details 400 naming the field, and changes nothing.</summary>
public sealed class ValidationTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Theory]
    [InlineData("19811218-9875")]
    [InlineData("19810231-1233")]
    [InlineData("19811218-98A6")]
    [InlineData("")]
    public async Task An_invalid_personnummer_is_refused_with_errors_on_personnummer(string personnummer)
    {
        var problem = await ExpectProblemAsync("/api/persons/lookup", new { personnummer });

        Assert.NotNull(problem["errors"]!["personnummer"]);
    }

    [Fact]
    public async Task A_samordningsnummer_is_accepted()
    {
        Assert.StartsWith("pr-", await _finsam.LookUpAsync("197010632391"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/persons/lookup")]
    [InlineData("/api/consents")]
    [InlineData("/api/referrals")]
    public async Task Malformed_json_is_refused_with_a_problem_and_nothing_is_stored(string path)
    {
        var personnummer = FinsamClient.NewPersonnummer();
        var personRef = await _finsam.LookUpAsync(personnummer);
        await _finsam.RecordReferralConsentAsync(personRef);
        object acceptable = path switch
        {
            "/api/persons/lookup" => new { personnummer },
            "/api/consents" => FinsamClient.SharingConsent(personRef, "ips-support", FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "referral", "contact")),
            _ => FinsamClient.Referral(personRef),
        };
        // A body that would be accepted but for its missing closing brace, so a lenient reader would store it.
        var truncated = JsonSerializer.Serialize(acceptable, FinsamClient.Json)[..^1];
        var before = await StoredAsync(personRef);
        using var client = await _finsam.AsAsync(FinsamClient.Clinician);

        var response = await client.PostAsync(path, new StringContent(truncated, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await StoredAsync(personRef));
    }

    public static TheoryData<string, string> InvalidConsents => new()
    {
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[]}""", "provisions" },
        { """{"kind":"sharing","purpose":"ips-support","method":"verbal","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "documentRef" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","categories":["referral","secrets"]}]}""", "provisions[0].categories" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","categories":[]}]}""", "provisions[0].categories" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","toUnitId":"ovanaker-ips"}]}""", "provisions[0].categories" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","toUnitId":"nowhere","categories":["referral"]}]}""", "provisions[0].toUnitId" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"the-police","categories":["referral"]}]}""", "provisions[0].toParty" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"2020-01-01","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "validUntil" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "validUntil" },
        { """{"kind":"sharing","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "purpose" },
        { """{"kind":"statistics","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"NEXT-YEAR","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "purpose" },
        { """{"kind":"sharing","purpose":"ips-support","method":"written","documentRef":"Blankett i akten","validUntil":"2099-01-01","provisions":[{"toParty":"municipality","categories":["referral"]}]}""", "validUntil" },
    };

    [Theory]
    [MemberData(nameof(InvalidConsents))]
    public async Task An_incomplete_consent_is_refused_naming_the_field_and_nothing_is_stored(string template, string field)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var nextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonNode.Parse(template.Replace("NEXT-YEAR", nextYear, StringComparison.Ordinal))!.AsObject();
        body["personRef"] = personRef;

        var problem = await ExpectProblemAsync("/api/consents", body);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray());
    }

    public static TheoryData<string, string> InvalidReferrals => new()
    {
        { """{"toUnitId":"ovanaker-ips","ownGoal":"Arbete","contact":{"name":"Kim"}}""", "reason" },
        { """{"toUnitId":"ovanaker-ips","reason":"Vill arbeta","contact":{"name":"Kim"}}""", "ownGoal" },
        { """{"toUnitId":"nowhere","reason":"Vill arbeta","ownGoal":"Arbete","contact":{"name":"Kim"}}""", "toUnitId" },
        { """{"toUnitId":"halsingland-psykiatri","reason":"Vill arbeta","ownGoal":"Arbete","contact":{"name":"Kim"}}""", "toUnitId" },
        { """{"toUnitId":"ovanaker-ips","reason":"Vill arbeta","ownGoal":"Arbete"}""", "contact" },
        { """{"toUnitId":"ovanaker-ips","reason":"Vill arbeta","ownGoal":"Arbete","contact":{"name":"Kim","preferredChannel":"pigeon"}}""", "contact.preferredChannel" },
    };

    [Theory]
    [MemberData(nameof(InvalidReferrals))]
    public async Task An_incomplete_referral_is_refused_naming_the_field_and_nothing_is_sent(string template, string field)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        var body = JsonNode.Parse(template)!.AsObject();
        body["personRef"] = personRef;

        var problem = await ExpectProblemAsync("/api/referrals", body);

        Assert.NotNull(problem["errors"]![field]);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray(), r => r!["personRef"]!.GetValue<string>() == personRef);
    }

    [Fact]
    public async Task A_case_status_outside_the_taxonomy_is_refused()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);

        var problem = await ExpectProblemAsync($"/api/ips/cases/{caseId}/status", new { status = "finished" }, FinsamClient.OvanakerCoordinator);

        Assert.NotNull(problem["errors"]!["status"]);
    }

    /// <summary>What a stored referral, consent or queued case would change: the clinician's referrals, the person's consents, the IPS queue.</summary>
    private async Task<string> StoredAsync(string personRef)
    {
        var referrals = (await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray().Select(r => r!["referralId"]!.GetValue<string>());
        var consents = (await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray().Select(c => c!["consentId"]!.GetValue<string>());
        var queue = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/queue")).AsArray().Select(e => e!["caseId"]!.GetValue<string>());
        return $"referrals {string.Join(',', referrals.Order())}; consents {string.Join(',', consents.Order())}; queue {string.Join(',', queue.Order())}";
    }

    private async Task<JsonNode> ExpectProblemAsync(string path, object body, string userId = FinsamClient.Clinician)
    {
        var response = await _finsam.SendAsync(userId, HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!;
    }
}
