using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The person at the centre (issue 14 items 1–3, docs/adr/0026): a resident signs in as themself, sees and gives and
/// withdraws their own consents, reads who saw their information, blocks and lifts, and reaches nothing about anyone
/// else.
/// </summary>
public sealed class ResidentTests(MeetingTests.MeetingApp app) : IClassFixture<MeetingTests.MeetingApp>
{
    private const string Coach = FinsamClient.OvanakerCoach;
    private static readonly string[] WorkCapacity = ["health.workcapacity"];
    private static readonly string[] Diagnosis = ["health.diagnosis"];
    private static readonly string InSixMonths = DateTime.UtcNow.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private async Task<(string Resident, string PersonRef)> NewResidentAsync()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        return (FinsamClient.Resident(personnummer), await _finsam.LookUpAsync(personnummer, Coach));
    }

    private Task<JsonNode> CoachRecordsConsentAsync(string personRef, params object[] provisions) =>
        _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            [FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "meeting"), .. provisions]), HttpStatusCode.Created);

    private async Task<List<JsonNode>> OwnLogAsync(string resident, Func<List<JsonNode>, bool> done) =>
        await FinsamClient.EventuallyAsync(async () =>
        {
            var items = (await _finsam.GetJsonAsync(resident, "/api/me/access-log"))["items"]!.AsArray().Select(i => i!).ToList();
            return done(items) ? items : null;
        });

    private static string Action(JsonNode item) => item["action"]!.GetValue<string>();

    [Fact]
    public async Task A_resident_is_known_by_their_personRef_and_their_token_carries_no_identity_number()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/dev/token", new { personnummer }, TestContext.Current.CancellationToken);
        var token = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["accessToken"]!.GetValue<string>();

        var me = await _finsam.GetJsonAsync(FinsamClient.Resident(personnummer), "/api/me");

        Assert.Equal(await _finsam.LookUpAsync(personnummer, Coach), me["personRef"]!.GetValue<string>());
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Padded(token.Split('.')[1])));
        Assert.DoesNotContain(personnummer[2..8], payload, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"resident\"", payload, StringComparison.Ordinal);
    }

    private static string Padded(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    [Fact]
    public async Task A_resident_sees_exactly_their_own_consents_with_staff_notes()
    {
        var (resident, personRef) = await NewResidentAsync();
        var (_, otherRef) = await NewResidentAsync();
        var own = (await CoachRecordsConsentAsync(personRef))["consentId"]!.GetValue<Guid>();
        await CoachRecordsConsentAsync(otherRef);

        var consents = (await _finsam.GetJsonAsync(resident, "/api/me/consents")).AsArray();

        var consent = Assert.Single(consents)!;
        Assert.Equal((own, personRef), (consent["consentId"]!.GetValue<Guid>(), consent["personRef"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GET", "/api/me/consents?personRef={other}")]
    [InlineData("GET", "/api/me/access-log?personRef={other}")]
    [InlineData("POST", "/api/me/consents")]
    public async Task Naming_another_person_gives_404_and_the_attempt_is_recorded(string method, string path)
    {
        var (resident, _) = await NewResidentAsync();
        var (_, otherRef) = await NewResidentAsync();
        var body = method == "POST" ? FinsamClient.SharingConsent(otherRef, "coordination", FinsamClient.Provision("municipality", null, "meeting")) : null;

        var response = await _finsam.SendAsync(resident, new HttpMethod(method), path.Replace("{other}", otherRef, StringComparison.Ordinal), body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var records = await _finsam.AuditRecordsAsync(otherRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        Assert.StartsWith("not-the-person", Assert.Single(records)["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?personRef={otherRef}&action=consent-granted"))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("POST", "/api/persons/lookup")]
    [InlineData("GET", "/api/persons/{self}/consents")]
    [InlineData("GET", "/api/persons/{self}/blocks")]
    [InlineData("GET", "/api/ips/queue")]
    [InlineData("GET", "/api/audit/records")]
    [InlineData("GET", "/api/emergency-access/legal-bases")]
    public async Task A_resident_token_on_a_staff_route_is_403_even_about_themself(string method, string path)
    {
        var (resident, personRef) = await NewResidentAsync();
        var body = method == "POST" ? new { personnummer = FinsamClient.NewPersonnummer() } : null;

        var response = await _finsam.SendAsync(resident, new HttpMethod(method), path.Replace("{self}", personRef, StringComparison.Ordinal), body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(FinsamClient.OvanakerCoach)]
    [InlineData(FinsamClient.JointAuditor)]
    public async Task A_staff_token_on_a_resident_route_is_403(string staff) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await _finsam.SendAsync(staff, HttpMethod.Get, "/api/me/consents")).StatusCode);

    [Fact]
    public async Task A_consent_the_resident_gives_is_digital_by_the_person_and_holds_nothing_back()
    {
        var (resident, personRef) = await NewResidentAsync();

        var consent = await _finsam.PostJsonAsync(resident, "/api/me/consents", new
        {
            kind = "sharing", purpose = "coordination", validUntil = InSixMonths,
            provisions = new[] { FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.workcapacity") },
        }, HttpStatusCode.Created);

        Assert.Equal(("digital", personRef, "resident"),
            (consent["method"]!.GetValue<string>(), consent["personRef"]!.GetValue<string>(), consent["recordedBy"]!["role"]!.GetValue<string>()));
        Assert.Empty(consent["awaitingConfirmation"]!.AsArray());
    }

    [Fact]
    public async Task A_consent_given_signed_in_cannot_claim_another_method()
    {
        var (resident, _) = await NewResidentAsync();

        var response = await _finsam.SendAsync(resident, HttpMethod.Post, "/api/me/consents", new
        {
            kind = "sharing", purpose = "coordination", method = "written", validUntil = InSixMonths,
            provisions = new[] { FinsamClient.Provision("municipality", null, "meeting") },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await _finsam.GetJsonAsync(resident, "/api/me/consents")).AsArray());
    }

    [Fact]
    public async Task The_resident_confirming_a_consent_af_recorded_releases_what_it_held_back()
    {
        var (resident, personRef) = await NewResidentAsync();
        await _finsam.RelateAsync(FinsamClient.AfOfficer, personRef);
        var consentId = (await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.workcapacity")), HttpStatusCode.Created))["consentId"]!.GetValue<Guid>();

        var confirmed = await _finsam.PostJsonAsync(resident, $"/api/me/consents/{consentId}/confirm", new { }, HttpStatusCode.OK);

        Assert.Empty(confirmed["awaitingConfirmation"]!.AsArray());
        Assert.Equal("person", Assert.Single(confirmed["confirmations"]!.AsArray())!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resident_withdraws_without_giving_a_reason_and_the_withdrawal_says_they_made_it()
    {
        var (resident, personRef) = await NewResidentAsync();
        var consentId = (await CoachRecordsConsentAsync(personRef))["consentId"]!.GetValue<Guid>();

        await _finsam.PostJsonAsync(resident, $"/api/me/consents/{consentId}/revoke", new { }, HttpStatusCode.OK);

        var consent = Assert.Single((await _finsam.GetJsonAsync(Coach, $"/api/persons/{personRef}/consents")).AsArray())!;
        Assert.Equal(("revoked", "Personen återkallade samtycket."), (consent["status"]!.GetValue<string>(), consent["revokeReason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_resident_cannot_withdraw_someone_elses_consent()
    {
        var (resident, _) = await NewResidentAsync();
        var (_, otherRef) = await NewResidentAsync();
        var consentId = (await CoachRecordsConsentAsync(otherRef))["consentId"]!.GetValue<Guid>();

        var response = await _finsam.SendAsync(resident, HttpMethod.Post, $"/api/me/consents/{consentId}/revoke", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("active", Assert.Single((await _finsam.GetJsonAsync(Coach, $"/api/persons/{otherRef}/consents")).AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawing_mid_meeting_withholds_the_next_shared_view_and_shows_in_the_residents_log()
    {
        var (resident, personRef) = await NewResidentAsync();
        var consentId = (await CoachRecordsConsentAsync(personRef, FinsamClient.Provision("forsakringskassan", null, "meeting", "health.workcapacity")))["consentId"]!.GetValue<Guid>();
        var meetingId = (await _finsam.PostJsonAsync(Coach, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(1),
            mode = "digital",
            participants = new[] { new { party = "municipality", unitId = FinsamClient.OvanakerIps }, new { party = "forsakringskassan", unitId = "fk-gavle" } },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();
        var plan = async () => (await _finsam.GetJsonAsync(FinsamClient.FkOfficer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray()
            .Single(s => s!["category"]!.GetValue<string>() == "health.workcapacity")!["status"]!.GetValue<string>();
        Assert.Equal("ok", await plan());

        await _finsam.PostJsonAsync(resident, $"/api/me/consents/{consentId}/revoke", new { reason = "Jag vill inte längre." }, HttpStatusCode.OK);

        Assert.Equal("withheld", await plan());
        var log = await OwnLogAsync(resident, items => items.Any(i => Action(i) == "consent-revoked") && items.Any(i => Action(i) == "deny"));
        Assert.Contains(log, i => Action(i) == "view" && i["party"]!.GetValue<string>() == "forsakringskassan" && i["unitName"] is not null);
        Assert.DoesNotContain(log, i => Action(i) == "audit-search");
    }

    [Fact]
    public async Task An_emergency_access_shows_in_the_residents_log_flagged_with_the_unit_and_categories()
    {
        var (resident, personRef) = await NewResidentAsync();
        var accessId = (await _finsam.PostJsonAsync(FinsamClient.SocialWorker, "/api/emergency-access", new
        {
            personRef, categories = WorkCapacity, reason = "Personen är medvetslös; underlaget behövs nu.", legalBasis = "nodvandigt-utlamnande",
        }, HttpStatusCode.Created))["accessId"]!.GetValue<Guid>();
        await _finsam.GetJsonAsync(FinsamClient.SocialWorker, $"/api/emergency-access/{accessId}");

        var log = await OwnLogAsync(resident, items => items.Any(i => Action(i) == "emergency-access"));

        var entry = log.First(i => Action(i) == "emergency-access");
        Assert.True(entry["emergency"]!.GetValue<bool>());
        Assert.Equal(("municipality", "health.workcapacity"), (entry["party"]!.GetValue<string>(), entry["categories"]![0]!.GetValue<string>()));
        Assert.Contains("Individ- och familjeomsorgen", entry["unitName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(log.Where(i => Action(i) is not ("emergency-access" or "emergency-access-opened")), i => Assert.False(i["emergency"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_resident_blocks_fk_from_their_diagnosis_staff_see_it_and_only_they_lift_it()
    {
        var (resident, personRef) = await NewResidentAsync();
        var (stranger, _) = await NewResidentAsync();

        var blockId = (await _finsam.PostJsonAsync(resident, "/api/me/blocks", new { toParty = "forsakringskassan", categories = Diagnosis },
            HttpStatusCode.Created))["blockId"]!.GetValue<Guid>();

        Assert.Equal("active", Assert.Single((await _finsam.GetJsonAsync(Coach, $"/api/persons/{personRef}/blocks")).AsArray())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(stranger, HttpMethod.Post, $"/api/blocks/{blockId}/lift")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/blocks/{blockId}/lift")).StatusCode);
        await _finsam.PostJsonAsync(resident, $"/api/blocks/{blockId}/lift", new { }, HttpStatusCode.OK);
        Assert.Equal("lifted", Assert.Single((await _finsam.GetJsonAsync(resident, "/api/me/blocks")).AsArray())!["status"]!.GetValue<string>());
    }
}
