using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>Nothing leaves a party unless the person's consent names the recipient, the information and the purpose.</summary>
public sealed class ConsentEnforcementTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task Without_consent_a_referral_is_refused_nothing_is_queued_and_a_denial_is_recorded()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());

        await AssertReferralRefusedAsync(personRef);
    }

    [Fact]
    public async Task A_consent_that_lacks_contact_does_not_allow_a_referral()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.PostJsonAsync(FinsamClient.Clinician, "/api/consents", FinsamClient.SharingConsent(personRef, "ips-support",
            FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "referral")), HttpStatusCode.Created);

        await AssertReferralRefusedAsync(personRef);
    }

    [Fact]
    public async Task A_consent_for_another_municipalitys_unit_does_not_allow_a_referral()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef, FinsamClient.BollnasIps);

        await AssertReferralRefusedAsync(personRef);
    }

    [Fact]
    public async Task A_consent_for_coordination_does_not_allow_a_referral_for_ips_support()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.PostJsonAsync(FinsamClient.Clinician, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "referral", "contact")), HttpStatusCode.Created);

        await AssertReferralRefusedAsync(personRef);
    }

    [Fact]
    public async Task A_revoked_consent_allows_no_new_referral()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/consents/{consentId}/revoke", new { reason = "Personen återkallade muntligt" }, HttpStatusCode.OK);

        await AssertReferralRefusedAsync(personRef);
    }

    [Fact]
    public async Task After_revocation_the_next_status_change_is_not_reported_back_and_a_denial_is_recorded()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "assigned");

        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/consents/{consentId}/revoke", new { reason = "Vill inte att vården får veta mer" }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        // Audit consumes each record on its own, so wait for every one this test counts.
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny")
            && r.Any(x => x["action"]!.GetValue<string>() == "consent-revoked")
            && r.Count(x => x["action"]!.GetValue<string>() == "share" && x["sourceParty"]!.GetValue<string>() == "municipality") >= 2);
        var denial = Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal("deny denied erik.holm municipality->health-care ips.plan", FinsamClient.Describe(denial));
        Assert.Equal(2, records.Count(r => r["action"]!.GetValue<string>() == "share" && r["sourceParty"]!.GetValue<string>() == "municipality"));
        Assert.Single(records, r => r["action"]!.GetValue<string>() == "consent-revoked");
        Assert.Equal("assigned", await _finsam.ReferralStatusAsync(referralId));
    }

    [Fact]
    public async Task A_revoked_consent_is_listed_as_revoked_with_who_recorded_it()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/consents/{consentId}/revoke", new { reason = "Återkallat" }, HttpStatusCode.OK);

        var consent = Assert.Single((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray())!;

        Assert.Equal("revoked", consent["status"]!.GetValue<string>());
        Assert.Equal(FinsamClient.Clinician, consent["recordedBy"]!["userId"]!.GetValue<string>());
        Assert.True(consent["revokedAt"]!.GetValue<DateTimeOffset>() > consent["recordedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_consent_is_shown_only_to_the_parties_it_concerns_and_only_their_part()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);

        var clinicianSees = (await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray();
        var coordinatorSees = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/persons/{personRef}/consents")).AsArray();
        var otherMunicipalitySees = (await _finsam.GetJsonAsync(FinsamClient.BollnasCoordinator, $"/api/persons/{personRef}/consents")).AsArray();
        var fkOfficerSees = (await _finsam.GetJsonAsync("eva.karlsson", $"/api/persons/{personRef}/consents")).AsArray();

        Assert.Equal(2, Assert.Single(clinicianSees)!["provisions"]!.AsArray().Count);
        Assert.Equal("municipality", Assert.Single(Assert.Single(coordinatorSees)!["provisions"]!.AsArray())!["toParty"]!.GetValue<string>());
        Assert.Empty(otherMunicipalitySees);
        Assert.Empty(fkOfficerSees);
    }

    [Fact]
    public async Task A_party_the_consent_does_not_concern_cannot_revoke_it()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);

        var response = await _finsam.SendAsync("eva.karlsson", HttpMethod.Post, $"/api/consents/{consentId}/revoke", new { reason = "Försök" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("active", Assert.Single((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray())!["status"]!.GetValue<string>());
    }

    private async Task AssertReferralRefusedAsync(string personRef)
    {
        var response = await _finsam.SendAsync(FinsamClient.Clinician, HttpMethod.Post, "/api/referrals", FinsamClient.Referral(personRef));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!;
        Assert.EndsWith("/consent-required", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        Assert.Equal("deny denied anna.lind health-care->municipality referral,contact", FinsamClient.Describe(Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny")));
        Assert.DoesNotContain(records, r => r["action"]!.GetValue<string>() == "share");
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray(), r => r!["personRef"]!.GetValue<string>() == personRef);
        Assert.DoesNotContain((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/queue")).AsArray(), e => e!["personRef"]!.GetValue<string>() == personRef);
    }
}
