using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Referrals from every party (issue 12, item 1): health care, social services, AF and FK each refer through the one
/// referral feature in their own service, under the person's consent; and self-referrals (egen anmälan), registered by
/// the coordinator or sent by the person.
/// </summary>
public sealed class ReferralsFromEveryPartyTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    public static TheoryData<string> EveryReferrer => [FinsamClient.Clinician, FinsamClient.SocialWorker, FinsamClient.AfOfficer, FinsamClient.FkOfficer];

    private async Task<JsonNode> QueueEntryAsync(string personRef, string coordinator = FinsamClient.OvanakerCoordinator)
    {
        await _finsam.WaitForQueuedCaseAsync(personRef, coordinator);
        return (await _finsam.GetJsonAsync(coordinator, "/api/ips/queue")).AsArray().Single(e => e!["personRef"]!.GetValue<string>() == personRef)!;
    }

    [Theory]
    [MemberData(nameof(EveryReferrer))]
    public async Task Each_party_refers_under_consent_and_the_queue_shows_its_party_unit_and_the_persons_name(string referrer)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), referrer);
        await _finsam.RecordReferralConsentAsync(personRef, referrer: referrer);

        await _finsam.SubmitReferralAsync(personRef, referrer: referrer);

        var entry = await QueueEntryAsync(personRef);
        var (party, unitId) = FinsamClient.UnitOf[referrer];
        Assert.Equal((party, unitId, "Kim Andersson", false),
            (entry["referringParty"]!.GetValue<string>(), entry["referringUnitId"]!.GetValue<string>(), entry["name"]!.GetValue<string>(), entry["selfReferral"]!.GetValue<bool>()));
    }

    [Theory]
    [MemberData(nameof(EveryReferrer))]
    public async Task Without_consent_each_party_is_refused_nothing_is_queued_and_the_denial_names_its_party_as_source(string referrer)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), referrer);

        var response = await _finsam.SendAsync(referrer, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!;
        Assert.EndsWith("/consent-required", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = records.Single(r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal(FinsamClient.UnitOf[referrer].Party, denial["sourceParty"]!.GetValue<string>());
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/queue")).AsArray(),
            e => e!["personRef"]!.GetValue<string>() == personRef);
    }

    [Theory]
    [MemberData(nameof(EveryReferrer))]
    public async Task The_referrer_sees_its_referral_go_sent_received_assigned_started(string referrer)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), referrer);
        await _finsam.RecordReferralConsentAsync(personRef, referrer: referrer);
        var referralId = await _finsam.SubmitReferralAsync(personRef, referrer: referrer);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        await _finsam.WaitForReferralStatusAsync(referralId, "started", referrer);
        var statuses = (await _finsam.GetJsonAsync(referrer, $"/api/referrals/{referralId}"))["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>());
        Assert.Equal(["sent", "received", "assigned", "started"], statuses);
    }

    [Fact]
    public async Task Showing_the_persons_name_in_the_queue_is_a_recorded_view_of_the_referrers_contact_data()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.FkOfficer);
        var consentId = await _finsam.RecordReferralConsentAsync(personRef, referrer: FinsamClient.FkOfficer);
        await _finsam.SubmitReferralAsync(personRef, referrer: FinsamClient.FkOfficer);

        await QueueEntryAsync(personRef);

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "view"));
        var view = records.Single(r => r["action"]!.GetValue<string>() == "view");
        Assert.Equal(("forsakringskassan", FinsamClient.OvanakerCoordinator, "contact", consentId),
            (view["sourceParty"]!.GetValue<string>(), view["actor"]!["userId"]!.GetValue<string>(),
             string.Join(',', view["categories"]!.AsArray().Select(c => c!.GetValue<string>())), view["consentId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_referrer_of_another_party_does_not_see_the_referral()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.AfOfficer);
        await _finsam.RecordReferralConsentAsync(personRef, referrer: FinsamClient.AfOfficer);
        var referralId = await _finsam.SubmitReferralAsync(personRef, referrer: FinsamClient.AfOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(FinsamClient.FkOfficer, HttpMethod.Get, $"/api/referrals/{referralId}")).StatusCode);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray(), r => r!["referralId"]!.GetValue<Guid>() == referralId);
    }

    [Fact]
    public async Task A_social_services_referral_to_another_municipalitys_IPS_unit_without_a_consent_naming_that_unit_is_refused()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.SocialWorker);
        // "The municipality" names no unit: within one party it covers no one (Ovanåker's IFO to Bollnäs's IPS unit).
        await _finsam.PostJsonAsync(FinsamClient.SocialWorker, "/api/consents", FinsamClient.SharingConsent(personRef, "ips-support",
            FinsamClient.Provision("municipality", null, "referral", "contact")), HttpStatusCode.Created);

        var response = await _finsam.SendAsync(FinsamClient.SocialWorker, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef, FinsamClient.BollnasIps));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("consent-required", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_naming_the_other_municipalitys_unit_lets_social_services_refer_there()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.SocialWorker);
        await _finsam.RecordReferralConsentAsync(personRef, FinsamClient.BollnasIps, FinsamClient.SocialWorker);

        await _finsam.SubmitReferralAsync(personRef, FinsamClient.BollnasIps, FinsamClient.SocialWorker);

        Assert.Equal("ovanaker-ifo", (await QueueEntryAsync(personRef, FinsamClient.BollnasCoordinator))["referringUnitId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coordination_team_receives_a_referral_and_runs_the_same_case_life_as_an_IPS_unit()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.AfOfficer);
        await _finsam.RecordReferralConsentAsync(personRef, FinsamClient.CoordinationTeam, FinsamClient.AfOfficer);
        var referralId = await _finsam.SubmitReferralAsync(personRef, FinsamClient.CoordinationTeam, FinsamClient.AfOfficer);

        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef, FinsamClient.TeamCoordinator);
        await _finsam.PostJsonAsync(FinsamClient.TeamCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.TeamCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.TeamCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        await _finsam.WaitForReferralStatusAsync(referralId, "started", FinsamClient.AfOfficer);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/cases")).AsArray(),
            c => c!["caseId"]!.GetValue<Guid>() == caseId);
    }

    [Fact]
    public async Task An_IPS_coach_cannot_send_a_referral()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);

        Assert.Equal(HttpStatusCode.Forbidden, (await _finsam.SendAsync(FinsamClient.OvanakerCoach, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef))).StatusCode);
    }

    [Fact]
    public async Task A_referral_to_a_unit_that_runs_no_IPS_cases_is_invalid()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.AfOfficer);

        var response = await _finsam.SendAsync(FinsamClient.AfOfficer, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef, "ovanaker-ifo"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("toUnitId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static object SelfReferral(string personRef, string? receivedVia = "phone") => new
    {
        personRef,
        reason = "Ringde själv efter att ha läst om IPS i kommunens broschyr.",
        ownGoal = "Ett arbete med djur, gärna på deltid.",
        contact = new { name = "Alex Berg", phone = "070-765 43 21" },
        receivedVia,
    };

    [Fact]
    public async Task A_coordinator_registers_a_self_referral_received_by_phone_and_it_joins_the_queue_as_one()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoordinator);

        var created = await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/self-referrals", SelfReferral(personRef), HttpStatusCode.Created);

        var entry = await QueueEntryAsync(personRef);
        Assert.Equal((created["caseId"]!.GetValue<Guid>(), "self", true, "Alex Berg"),
            (entry["caseId"]!.GetValue<Guid>(), entry["referringParty"]!.GetValue<string>(), entry["selfReferral"]!.GetValue<bool>(), entry["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_self_referral_without_how_it_came_is_invalid_and_nothing_is_queued()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoordinator);

        var response = await _finsam.SendAsync(FinsamClient.OvanakerCoordinator, HttpMethod.Post, "/api/ips/self-referrals", SelfReferral(personRef, receivedVia: "carrier-pigeon"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/queue")).AsArray(), e => e!["personRef"]!.GetValue<string>() == personRef);
    }

    [Fact]
    public async Task The_person_refers_themself_and_the_unit_sees_it_as_a_self_referral()
    {
        var personnummer = FinsamClient.NewPersonnummer();
        var resident = FinsamClient.Resident(personnummer);
        var personRef = await _finsam.LookUpAsync(personnummer, FinsamClient.OvanakerCoordinator);

        var sent = await _finsam.PostJsonAsync(resident, "/api/me/referrals", new
        {
            toUnitId = FinsamClient.OvanakerIps,
            reason = "Jag vill komma tillbaka till arbete efter lång tid hemma.",
            ownGoal = "Arbete i butik.",
            contact = new { name = "Sam Ek", email = "sam.ek@example.se", preferredChannel = "email" },
        }, HttpStatusCode.Accepted);

        Assert.NotEqual(Guid.Empty, sent["referralId"]!.GetValue<Guid>());
        var entry = await QueueEntryAsync(personRef);
        Assert.Equal(("self", "Sam Ek"), (entry["referringParty"]!.GetValue<string>(), entry["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_member_of_staff_cannot_use_the_persons_own_referral_route() =>
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _finsam.SendAsync(FinsamClient.SocialWorker, HttpMethod.Post, "/api/me/referrals", new { toUnitId = FinsamClient.OvanakerIps })).StatusCode);
}
