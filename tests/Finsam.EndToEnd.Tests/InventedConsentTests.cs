using System.Net;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The invented-consent attack (issue 14, item 5): a case worker records a consent that gives their own party
/// another source's sensitive information. Without a relation with the person that their unit did not make itself,
/// it is refused (docs/adr/0027); with one, nothing of it leaves the source until the source's own staff or the
/// person confirms (docs/adr/0024), and the auditors see every such consent, and every view under it, in the flags.
/// </summary>
public sealed class InventedConsentTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static readonly string[] Attack = ["health.diagnosis", "health.workcapacity", "municipal.assistance"];

    /// <summary>A person AF's (simulated) register does not know today, and whom no one has invited AF to meet about.</summary>
    private async Task<string> StrangerToAfAsync()
    {
        while (true)
        {
            var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
            if (!Arbetsformedlingen.AfSystem.SimulatedArbetsformedlingen.TimelineOn(personRef, ServiceDefaults.Hosting.SwedishTime.Today(TimeProvider.System)).Registered)
            {
                return personRef;
            }
        }
    }

    [Fact]
    public async Task Without_a_relation_the_af_officer_cannot_record_it_and_the_attempt_is_recorded()
    {
        var personRef = await StrangerToAfAsync();

        var response = await _finsam.SendAsync(FinsamClient.AfOfficer, HttpMethod.Post, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, ["meeting", .. Attack])));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = records.Single(r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal(("no-relation", FinsamClient.AfOfficer), (denial["reason"]!.GetValue<string>(), denial["actor"]!["userId"]!.GetValue<string>()));
        Assert.DoesNotContain(records, r => r["action"]!.GetValue<string>() == "consent-granted");
    }

    [Fact]
    public async Task Without_a_relation_a_consent_that_gives_the_recorder_nothing_sensitive_is_still_recorded()
    {
        var personRef = await StrangerToAfAsync();

        await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting"), FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "meeting", "af.registration")),
            HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_relation_the_af_officer_made_themself_does_not_count()
    {
        var personRef = await StrangerToAfAsync();
        await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting")), HttpStatusCode.Created);
        await AfMeetingAsync(personRef);

        var response = await _finsam.SendAsync(FinsamClient.AfOfficer, HttpMethod.Post, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, ["meeting", .. Attack])));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_consent_giving_the_recorders_own_party_another_sources_sensitive_information_is_flagged()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RelateAsync(FinsamClient.AfOfficer, personRef);

        var consent = await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.diagnosis", "health.workcapacity", "municipal.assistance")), HttpStatusCode.Created);

        var flag = await FlagAsync(personRef, "self-granted-sensitive");
        Assert.Equal(FinsamClient.AfOfficer, flag["userId"]!.GetValue<string>());
        Assert.Contains("diagnos", flag["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Guid.Empty, consent["consentId"]!.GetValue<Guid>());
    }

    /// <summary>The attack: the AF officer gives AF health care's diagnosis and work capacity and the municipality's assistance.</summary>
    private async Task<(string PersonRef, JsonNode Consent)> SelfGrantedAsync()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RelateAsync(FinsamClient.AfOfficer, personRef);
        var consent = await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.diagnosis", "health.workcapacity", "municipal.assistance")), HttpStatusCode.Created);
        return (personRef, consent);
    }

    private async Task<Guid> AfMeetingAsync(string personRef) =>
        (await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(1),
            mode = "digital",
            participants = new[] { new { party = "arbetsformedlingen", unitId = "af-bollnas" } },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

    private async Task<Dictionary<string, string>> AfSharedViewAsync(Guid meetingId) =>
        (await _finsam.GetJsonAsync(FinsamClient.AfOfficer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray()
            .ToDictionary(s => s!["category"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());

    private Task<HttpResponseMessage> ConfirmAsync(string userId, Guid consentId) =>
        _finsam.SendAsync(userId, HttpMethod.Post, $"/api/consents/{consentId}/confirm");

    [Fact]
    public async Task The_consent_names_what_waits_for_each_source_to_confirm()
    {
        var (_, consent) = await SelfGrantedAsync();

        var awaiting = consent["awaitingConfirmation"]!.AsArray()
            .ToDictionary(a => a!["source"]!.GetValue<string>(), a => string.Join(' ', a!["categories"]!.AsArray().Select(c => c!.GetValue<string>())));
        Assert.Equal(new Dictionary<string, string>
        {
            ["health-care"] = "health.diagnosis health.workcapacity", ["municipality"] = "municipal.assistance",
        }, awaiting);
    }

    [Fact]
    public async Task Until_the_source_confirms_its_sections_say_awaiting_confirmation_and_each_is_a_recorded_denial()
    {
        var (personRef, _) = await SelfGrantedAsync();
        var meetingId = await AfMeetingAsync(personRef);

        var sections = await AfSharedViewAsync(meetingId);

        Assert.Equal("awaiting-confirmation", sections["health.diagnosis"]);
        Assert.Equal("awaiting-confirmation", sections["municipal.assistance"]);
        static bool IsDiagnosisDenial(JsonNode r) =>
            r["action"]!.GetValue<string>() == "deny" && r["categories"]!.AsArray().Any(c => c!.GetValue<string>() == "health.diagnosis");
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(IsDiagnosisDenial));
        Assert.Equal("awaiting-confirmation", records.Single(IsDiagnosisDenial)["reason"]!.GetValue<string>());
        Assert.DoesNotContain(records, r => r["action"]!.GetValue<string>() == "view" && r["sourceParty"]?.GetValue<string>() == "health-care");
    }

    [Fact]
    public async Task When_health_care_confirms_its_sections_open_and_the_municipalitys_still_wait()
    {
        var (personRef, consent) = await SelfGrantedAsync();
        var consentId = consent["consentId"]!.GetValue<Guid>();
        var meetingId = await AfMeetingAsync(personRef);

        var confirmed = await ConfirmAsync(FinsamClient.Clinician, consentId);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var sections = await AfSharedViewAsync(meetingId);
        Assert.Equal("ok", sections["health.diagnosis"]);
        Assert.Equal("awaiting-confirmation", sections["municipal.assistance"]);
    }

    [Fact]
    public async Task A_source_asked_to_confirm_sees_only_what_the_consent_gives_of_its_own_records()
    {
        var (personRef, _) = await SelfGrantedAsync();

        var seen = Assert.Single((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/consents")).AsArray())!;

        var provision = Assert.Single(seen["provisions"]!.AsArray());
        Assert.Equal(["health.diagnosis", "health.workcapacity"], provision!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(seen["note"]);
    }

    [Fact]
    public async Task A_confirmation_is_its_own_audit_record_from_the_source_to_the_recorders_party()
    {
        var (personRef, consent) = await SelfGrantedAsync();

        await ConfirmAsync(FinsamClient.Clinician, consent["consentId"]!.GetValue<Guid>());

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "consent-confirmed"));
        var record = records.Single(r => r["action"]!.GetValue<string>() == "consent-confirmed");
        Assert.Equal(("health-care", "arbetsformedlingen", FinsamClient.Clinician),
            (record["sourceParty"]!.GetValue<string>(), record["recipientParty"]!.GetValue<string>(), record["actor"]!["userId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_who_holds_the_records_confirms_an_IPS_coach_cannot_confirm_social_services_assistance_and_the_attempt_is_recorded()
    {
        var (personRef, consent) = await SelfGrantedAsync();

        var response = await ConfirmAsync(FinsamClient.OvanakerCoach, consent["consentId"]!.GetValue<Guid>());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = records.Single(r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal(("not-record-holder", FinsamClient.OvanakerCoach), (denial["reason"]!.GetValue<string>(), denial["actor"]!["userId"]!.GetValue<string>()));
        Assert.DoesNotContain(records, r => r["action"]!.GetValue<string>() == "consent-confirmed");
    }

    [Fact]
    public async Task The_recorder_cannot_confirm_their_own_consent() =>
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(FinsamClient.AfOfficer, (await SelfGrantedAsync()).Consent["consentId"]!.GetValue<Guid>())).StatusCode);

    [Fact]
    public async Task A_source_confirms_once_and_a_second_confirmation_is_a_conflict()
    {
        var consentId = (await SelfGrantedAsync()).Consent["consentId"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(FinsamClient.Clinician, consentId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(FinsamClient.Clinician, consentId)).StatusCode);
    }

    [Fact]
    public async Task A_party_the_consent_does_not_concern_gets_not_found_as_for_an_unknown_consent()
    {
        var consentId = (await SelfGrantedAsync()).Consent["consentId"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.NotFound, (await ConfirmAsync(FinsamClient.FkOfficer, consentId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ConfirmAsync(FinsamClient.Clinician, Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task A_view_under_such_a_consent_is_flagged_too_after_the_source_confirmed()
    {
        var (personRef, consent) = await SelfGrantedAsync();
        await ConfirmAsync(FinsamClient.Clinician, consent["consentId"]!.GetValue<Guid>());
        var meetingId = await AfMeetingAsync(personRef);

        await AfSharedViewAsync(meetingId);

        var flag = await FlagAsync(personRef, "view-under-self-granted-consent");
        Assert.Equal(FinsamClient.AfOfficer, flag["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_source_sharing_its_own_information_with_another_party_is_not_flagged()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.AuditRecordsAsync(personRef, records => records.Any(r => r["action"]!.GetValue<string>() == "consent-granted"));

        var flags = await FlagsAsync();

        Assert.DoesNotContain(flags, f => f["personRef"]?.GetValue<string>() == personRef && f["kind"]!.GetValue<string>() == "self-granted-sensitive");
    }

    private async Task<List<JsonNode>> FlagsAsync() =>
        [.. (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, "/api/audit/flags"))["items"]!.AsArray().Select(f => f!)];

    private Task<JsonNode> FlagAsync(string personRef, string kind) => FinsamClient.EventuallyAsync(async () =>
        (await FlagsAsync()).FirstOrDefault(f => f["personRef"]?.GetValue<string>() == personRef && f["kind"]!.GetValue<string>() == kind));
}
