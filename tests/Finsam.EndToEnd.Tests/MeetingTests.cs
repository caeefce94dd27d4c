using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Finsam.Agencies.Systems;
using Finsam.Forsakringskassan.FkSystem;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>Use 2: a follow-up meeting where each participant sees exactly what the consent lets their party see.</summary>
public sealed class MeetingTests(MeetingTests.MeetingApp app) : IClassFixture<MeetingTests.MeetingApp>
{
    /// <summary>
    /// These tests are about what each party may see, not about time: a generous shared-view deadline, so that a
    /// cold first call on a busy machine never turns an expected "ok" into "unavailable". The deadline itself
    /// is tested in <see cref="SharedViewDeadlineTests"/>.
    /// </summary>
    public sealed class MeetingApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:Gateway:SharedView:Deadline", "00:00:20");
        }
    }

    private const string Coach = FinsamClient.OvanakerCoach;
    private const string AfOfficer = "per.andersson";
    private const string FkOfficer = "eva.karlsson";
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static readonly string[] Decisions = ["Sikta på praktik inom handel med lönebidrag."];

    private static readonly object[] AllFourParties =
    [
        new { party = "municipality", unitId = "ovanaker-ips" },
        new { party = "health-care", unitId = "halsingland-psykiatri" },
        new { party = "arbetsformedlingen", unitId = "af-bollnas" },
        new { party = "forsakringskassan", unitId = "fk-gavle" },
    ];

    /// <summary>
    /// Different categories for each party, as a person would choose them, confirmed by health care, AF and FK for
    /// what the coach's own party receives of their records (docs/adr/0024).
    /// </summary>
    private async Task<Guid> CoordinationConsentAsync(string personRef) =>
        await _finsam.RecordConfirmedConsentAsync(Coach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact", "health.workcapacity"),
            FinsamClient.Provision("health-care", null, "meeting", "ips.plan"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan", "health.workcapacity")));

    private async Task<Guid> ScheduleAsync(string personRef, string by = Coach, object[]? participants = null) =>
        (await _finsam.PostJsonAsync(by, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "digital",
            participants = participants ?? AllFourParties,
            agenda = "Plan för arbete och försörjning",
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

    private async Task<Dictionary<string, string>> SharedViewAsync(string userId, Guid meetingId) =>
        (await _finsam.GetJsonAsync(userId, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray()
            .ToDictionary(s => s!["category"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());

    private async Task<string> NewPersonAsync() => await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), Coach);

    [Fact]
    public async Task Each_participant_sees_exactly_the_sections_their_party_may_have()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        // Every section needs the consent, even a party's own: the shared view is the consented picture.
        const string ok = "ok", withheld = "withheld";
        Assert.Equal(new Dictionary<string, string>
        {
            ["ips.plan"] = ok, ["ips.employment"] = withheld, ["municipal.assistance"] = withheld,
            ["health.contact"] = ok, ["health.workcapacity"] = ok, ["health.diagnosis"] = withheld,
            ["af.registration"] = ok, ["fk.benefits"] = ok,
        }, await SharedViewAsync(Coach, meetingId));
        Assert.Equal(new Dictionary<string, string>
        {
            ["ips.plan"] = ok, ["ips.employment"] = withheld, ["municipal.assistance"] = withheld,
            ["health.contact"] = withheld, ["health.workcapacity"] = withheld, ["health.diagnosis"] = withheld,
            ["af.registration"] = withheld, ["fk.benefits"] = withheld,
        }, await SharedViewAsync(FinsamClient.Clinician, meetingId));
        Assert.Equal(new Dictionary<string, string>
        {
            ["ips.plan"] = ok, ["ips.employment"] = withheld, ["municipal.assistance"] = withheld,
            ["health.contact"] = withheld, ["health.workcapacity"] = withheld, ["health.diagnosis"] = withheld,
            ["af.registration"] = withheld, ["fk.benefits"] = ok,
        }, await SharedViewAsync(AfOfficer, meetingId));
        Assert.Equal(new Dictionary<string, string>
        {
            ["ips.plan"] = ok, ["ips.employment"] = withheld, ["municipal.assistance"] = withheld,
            ["health.contact"] = withheld, ["health.workcapacity"] = ok, ["health.diagnosis"] = withheld,
            ["af.registration"] = withheld, ["fk.benefits"] = withheld,
        }, await SharedViewAsync(FkOfficer, meetingId));
    }

    /// <summary>What each viewer's party may see under <see cref="CoordinationConsentAsync"/>: the test's own reading of that consent.</summary>
    public static TheoryData<string, string[]> AllowedPerViewer => new()
    {
        { Coach, ["ips.plan", "health.contact", "health.workcapacity", "af.registration", "fk.benefits"] },
        { FinsamClient.Clinician, ["ips.plan"] },
        { AfOfficer, ["ips.plan", "fk.benefits"] },
        { FkOfficer, ["ips.plan", "health.workcapacity"] },
    };

    /// <summary>The eight sections of a shared view, each with the party that holds it.</summary>
    public static readonly IReadOnlyDictionary<string, string> PartyOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ips.plan"] = "municipality", ["ips.employment"] = "municipality", ["municipal.assistance"] = "municipality",
        ["health.contact"] = "health-care", ["health.workcapacity"] = "health-care", ["health.diagnosis"] = "health-care",
        ["af.registration"] = "arbetsformedlingen", ["fk.benefits"] = "forsakringskassan",
    };

    /// <summary>The audit trail a viewer's one look at the shared view must leave: a view for each allowed section, a denial for each other.</summary>
    public static IEnumerable<string> ExpectedRecords(IEnumerable<string> allowed) =>
        PartyOf.Select(c => $"{(allowed.Contains(c.Key) ? "view" : "deny")} {c.Value} {c.Key}").Order(StringComparer.Ordinal);

    /// <summary>A viewer's records for coordination of one of the eight section categories: the shared view's views and denials, and a coach's views of AF's and FK's news on the IPS case (the referral on it is for ips-support).</summary>
    public static IEnumerable<string> SectionRecordsOf(IEnumerable<JsonNode> records, string viewer) =>
        records.Where(r => r["actor"]!["userId"]!.GetValue<string>() == viewer && r["action"]!.GetValue<string>() is "view" or "deny"
                && r["purpose"]?.GetValue<string>() == "coordination"
                && r["categories"]!.AsArray().Count == 1 && PartyOf.ContainsKey(r["categories"]![0]!.GetValue<string>()))
            .Select(r => $"{r["action"]} {r["sourceParty"]} {r["categories"]![0]}").Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(AllowedPerViewer))]
    public async Task A_withheld_section_carries_no_data_and_each_section_is_recorded_as_a_view_or_a_denial(string viewer, string[] allowed)
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var sections = (await _finsam.GetJsonAsync(viewer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray();

        Assert.All(sections, s =>
        {
            var allowedHere = allowed.Contains(s!["category"]!.GetValue<string>());
            Assert.Equal(allowedHere ? "ok" : "withheld", s["status"]!.GetValue<string>());
            Assert.Equal(allowedHere, s["data"] is JsonObject);
        });
        var records = await _finsam.AuditRecordsAsync(personRef, r => SectionRecordsOf(r, viewer).Count() >= 8);
        Assert.Equal(ExpectedRecords(allowed), SectionRecordsOf(records, viewer));
    }

    [Fact]
    public async Task Minutes_end_with_action_items_owned_by_AF_and_FK_with_dates()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var minutes = await _finsam.PostJsonAsync(Coach, $"/api/meetings/{meetingId}/minutes", new
        {
            notes = "Kim vill arbeta inom handel, 50 %. Sjukpenningen löper ut i januari.",
            decisions = Decisions,
            actions = new object[]
            {
                new { ownerParty = "arbetsformedlingen", ownerUnitId = "af-bollnas", description = "Utreda lönebidrag", due },
                new { ownerParty = "forsakringskassan", description = "Avstämningsmöte om sjukpenningens fortsättning", due },
            },
            nextMeetingAt = DateTimeOffset.UtcNow.AddDays(30),
        }, HttpStatusCode.OK);
        var actions = minutes["actions"]!.AsArray();
        var done = await _finsam.SendAsync(AfOfficer, HttpMethod.Post, $"/api/meetings/{meetingId}/actions/{actions[0]!["actionId"]}/done");
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        var meeting = await _finsam.GetJsonAsync(FkOfficer, $"/api/meetings/{meetingId}");
        Assert.Equal(["arbetsformedlingen", "forsakringskassan"], meeting["actions"]!.AsArray().Select(a => a!["ownerParty"]!.GetValue<string>()).Order());
        Assert.Single(meeting["actions"]!.AsArray(), a => a!["doneAt"] is not null);
        Assert.Single(meeting["decisions"]!.AsArray());
    }

    [Fact]
    public async Task Revoking_the_consent_withholds_every_section_and_the_meeting_notes_at_the_next_look()
    {
        var personRef = await NewPersonAsync();
        var consentId = await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);
        Assert.Contains("ok", (await SharedViewAsync(FkOfficer, meetingId)).Values);

        await _finsam.PostJsonAsync(Coach, $"/api/consents/{consentId}/revoke", new { reason = "Personen vill inte längre" }, HttpStatusCode.OK);

        Assert.All((await SharedViewAsync(FkOfficer, meetingId)).Values, status => Assert.Equal("withheld", status));
        var meeting = await _finsam.SendAsync(Coach, HttpMethod.Get, $"/api/meetings/{meetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, meeting.StatusCode);
        Assert.Contains("consent-required", await meeting.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_with_a_party_the_consent_does_not_cover_is_refused()
    {
        var personRef = await NewPersonAsync();
        await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting"), FinsamClient.Provision("arbetsformedlingen", null, "meeting")), HttpStatusCode.Created);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, "/api/meetings", new
        {
            personRef, scheduledAt = DateTimeOffset.UtcNow.AddDays(7), mode = "phone", participants = AllFourParties,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("consent-required", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty((await _finsam.GetJsonAsync(Coach, $"/api/meetings?personRef={personRef}")).AsArray());
    }

    [Theory]
    [InlineData(FinsamClient.BollnasCoordinator, HttpStatusCode.NotFound)]
    [InlineData(FinsamClient.OvanakerCoordinator, HttpStatusCode.NotFound)] // same unit as the coach, but the coach alone was invited
    [InlineData(FinsamClient.Auditor, HttpStatusCode.Forbidden)]
    public async Task Someone_who_does_not_take_part_gets_no_shared_view_and_the_attempt_is_recorded(string outsider, HttpStatusCode expected)
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef, participants:
        [
            new { party = "municipality", unitId = "ovanaker-ips", userId = Coach },
            new { party = "forsakringskassan", unitId = "fk-gavle" },
        ]);

        var response = await _finsam.SendAsync(outsider, HttpMethod.Get, $"/api/meetings/{meetingId}/shared-view");

        Assert.Equal(expected, response.StatusCode);
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.Auditor, $"/api/audit/records?userId={outsider}&outcome=denied&limit=500"))["items"]!.AsArray()
            .FirstOrDefault(d => expected == HttpStatusCode.Forbidden || d!["personRef"]?.GetValue<string>() == personRef));
    }

    /// <summary>A refusal in the shape API.md promises: 400, problem details, the field named under errors.</summary>
    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var content = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {content}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.Parse(content)!["errors"]?[field] is JsonArray { Count: > 0 }, $"No error for {field} in {content}");
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body)
    {
        using var client = await _finsam.AsAsync(Coach);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    private async Task AssertNoMinutesAsync(Guid meetingId)
    {
        var meeting = await _finsam.GetJsonAsync(Coach, $"/api/meetings/{meetingId}");
        Assert.Null(meeting["notes"]);
        Assert.Null(meeting["nextMeetingAt"]);
        Assert.Empty(meeting["decisions"]!.AsArray());
        Assert.Empty(meeting["actions"]!.AsArray());
    }

    public static TheoryData<string, string> InvalidMeetings => new()
    {
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"the-police","unitId":"x"}]}""", "participants[0].party" },
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"no-such-unit"}]}""", "participants[0].unitId" },
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"forsakringskassan","unitId":"ovanaker-ips"}]}""", "participants[0].unitId" },
        { """{"scheduledAt":"2020-01-01T09:00:00Z","mode":"digital","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "scheduledAt" },
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[]}""", "participants" },
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"carrier-pigeon","participants":[{"party":"municipality","unitId":"ovanaker-ips"}]}""", "mode" },
    };

    [Theory]
    [MemberData(nameof(InvalidMeetings))]
    public async Task An_invalid_meeting_is_refused_naming_the_field_and_nothing_is_stored(string template, string field)
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var body = JsonNode.Parse(template)!.AsObject();
        body["personRef"] = personRef;

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, "/api/meetings", body);

        await AssertInvalidAsync(response, field);
        Assert.Empty((await _finsam.GetJsonAsync(Coach, $"/api/meetings?personRef={personRef}")).AsArray());
    }

    [Fact]
    public async Task A_meeting_in_malformed_JSON_is_refused_and_nothing_is_stored()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);

        var response = await PostRawAsync("/api/meetings", $$"""{"personRef":"{{personRef}}","scheduledAt":"2030-01-01T09:00:00Z",""");

        await AssertInvalidAsync(response, "body");
        Assert.Empty((await _finsam.GetJsonAsync(Coach, $"/api/meetings?personRef={personRef}")).AsArray());
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("pr-0123")]
    public async Task Listing_meetings_for_a_malformed_personRef_is_refused(string personRef)
    {
        var response = await _finsam.SendAsync(Coach, HttpMethod.Get, $"/api/meetings?personRef={personRef}");

        await AssertInvalidAsync(response, "personRef");
    }

    public static TheoryData<string, string> InvalidMinutes => new()
    {
        { """{"notes":"ok","actions":[{"description":"Utan ägare","due":"2030-01-01"}]}""", "actions[0].ownerParty" },
        { """{"notes":"ok","actions":[{"ownerParty":"the-police","description":"Okänd part","due":"2030-01-01"}]}""", "actions[0].ownerParty" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","description":"Utan datum"}]}""", "actions[0].due" },
        { """{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","ownerUnitId":"af-bollnas","description":"Fel enhet","due":"2030-01-01"}]}""", "actions[0].ownerUnitId" },
        { """{"notes":"ok","nextMeetingAt":"2020-01-01T09:00:00Z"}""", "nextMeetingAt" },
        { """{"notes":""}""", "notes" },
        { $$"""{"notes":"{{new string('x', 10_001)}}"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(InvalidMinutes))]
    public async Task Invalid_minutes_are_refused_and_nothing_is_stored(string minutes, string field)
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/meetings/{meetingId}/minutes", JsonNode.Parse(minutes));

        await AssertInvalidAsync(response, field);
        await AssertNoMinutesAsync(meetingId);
    }

    [Fact]
    public async Task Minutes_in_malformed_JSON_are_refused_and_nothing_is_stored()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await PostRawAsync($"/api/meetings/{meetingId}/minutes", """{"notes":"Avbrutet""");

        await AssertInvalidAsync(response, "body");
        await AssertNoMinutesAsync(meetingId);
    }

    [Fact]
    public async Task Marking_an_action_the_meeting_does_not_have_done_is_not_found()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/meetings/{meetingId}/actions/{Guid.NewGuid()}/done");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Marking_an_action_done_with_an_id_that_is_not_a_GUID_is_not_found()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/meetings/{meetingId}/actions/not-an-id/done");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Marking_an_action_done_a_second_time_is_a_conflict_and_keeps_the_first()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);
        var minutes = await _finsam.PostJsonAsync(Coach, $"/api/meetings/{meetingId}/minutes", new
        {
            notes = "Kort möte.",
            actions = new[] { new { ownerParty = "forsakringskassan", description = "Avstämning", due = "2030-01-01" } },
        }, HttpStatusCode.OK);
        var done = $"/api/meetings/{meetingId}/actions/{minutes["actions"]![0]!["actionId"]}/done";
        Assert.Equal(HttpStatusCode.NoContent, (await _finsam.SendAsync(FkOfficer, HttpMethod.Post, done)).StatusCode);

        var again = await _finsam.SendAsync(Coach, HttpMethod.Post, done);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(FkOfficer, (await _finsam.GetJsonAsync(Coach, $"/api/meetings/{meetingId}"))["actions"]![0]!["doneBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_participant_whose_party_the_consent_no_longer_covers_is_shown_as_not_covered()
    {
        var personRef = await NewPersonAsync();
        await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting")), HttpStatusCode.Created);
        var fkConsent = (await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("forsakringskassan", null, "meeting")), HttpStatusCode.Created))["consentId"]!.GetValue<Guid>();
        var meetingId = await ScheduleAsync(personRef, participants:
        [
            new { party = "municipality", unitId = "ovanaker-ips" },
            new { party = "forsakringskassan", unitId = "fk-gavle" },
        ]);

        await _finsam.PostJsonAsync(Coach, $"/api/consents/{fkConsent}/revoke", new { reason = "Personen vill inte att FK deltar" }, HttpStatusCode.OK);

        var participants = (await _finsam.GetJsonAsync(Coach, $"/api/meetings/{meetingId}"))["participants"]!.AsArray()
            .ToDictionary(p => p!["party"]!.GetValue<string>(), p => p!["covered"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { ["municipality"] = true, ["forsakringskassan"] = false }, participants);
    }

    private static JsonNode SectionOf(JsonNode view, string category) =>
        view["sections"]!.AsArray().Single(s => s!["category"]!.GetValue<string>() == category)!;

    [Fact]
    public async Task Health_diagnosis_is_shown_only_to_the_party_whose_consent_names_it()
    {
        var personRef = await NewPersonAsync();
        await _finsam.RelateAsync(Coach, personRef);
        await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "health.contact", "health.workcapacity"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "health.diagnosis")), HttpStatusCode.Created);
        var meetingId = await ScheduleAsync(personRef, participants:
        [
            new { party = "municipality", unitId = "ovanaker-ips" },
            new { party = "forsakringskassan", unitId = "fk-gavle" },
        ]);

        var atFk = SectionOf(await _finsam.GetJsonAsync(FkOfficer, $"/api/meetings/{meetingId}/shared-view"), "health.diagnosis");
        var atCoach = SectionOf(await _finsam.GetJsonAsync(Coach, $"/api/meetings/{meetingId}/shared-view"), "health.diagnosis");

        Assert.Equal("ok", atFk["status"]!.GetValue<string>());
        Assert.StartsWith("F", atFk["data"]!["group"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("withheld", atCoach["status"]!.GetValue<string>());
        Assert.Null(atCoach["data"]);
    }

    [Fact]
    public async Task A_placement_the_coach_recorded_is_shown_to_a_party_whose_consent_names_ips_employment_and_to_no_other()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = Coach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(Coach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(Coach, $"/api/ips/cases/{caseId}/placements",
            new { type = "praktik", employer = "ICA Kvantum Edsbyn", extentPercent = 50, from = "2026-01-12" }, HttpStatusCode.Created);
        await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.employment"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan")), HttpStatusCode.Created);
        var meetingId = await ScheduleAsync(personRef, participants:
        [
            new { party = "municipality", unitId = "ovanaker-ips" },
            new { party = "arbetsformedlingen", unitId = "af-bollnas" },
            new { party = "forsakringskassan", unitId = "fk-gavle" },
        ]);

        var atAf = SectionOf(await _finsam.GetJsonAsync(AfOfficer, $"/api/meetings/{meetingId}/shared-view"), "ips.employment");
        var atFk = SectionOf(await _finsam.GetJsonAsync(FkOfficer, $"/api/meetings/{meetingId}/shared-view"), "ips.employment");

        Assert.Equal("ok", atAf["status"]!.GetValue<string>());
        var placement = Assert.Single(atAf["data"]!["placements"]!.AsArray())!;
        Assert.Equal(("praktik", "ICA Kvantum Edsbyn", 50, "2026-01-12", true), (placement["type"]!.GetValue<string>(), placement["employer"]!.GetValue<string>(),
            placement["extentPercent"]!.GetValue<int>(), placement["from"]!.GetValue<string>(), placement["ongoing"]!.GetValue<bool>()));
        Assert.Equal("withheld", atFk["status"]!.GetValue<string>());
        Assert.Null(atFk["data"]);
    }

    [Fact]
    public async Task Municipal_assistance_is_shown_to_a_party_whose_consent_names_it_and_to_no_other()
    {
        var personRef = await NewPersonAsync();
        await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "ips.plan"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "municipal.assistance"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan")), HttpStatusCode.Created);
        var meetingId = await ScheduleAsync(personRef, participants:
        [
            new { party = "municipality", unitId = "ovanaker-ips" },
            new { party = "arbetsformedlingen", unitId = "af-bollnas" },
            new { party = "forsakringskassan", unitId = "fk-gavle" },
        ]);

        var atAf = SectionOf(await _finsam.GetJsonAsync(AfOfficer, $"/api/meetings/{meetingId}/shared-view"), "municipal.assistance");
        var atFk = SectionOf(await _finsam.GetJsonAsync(FkOfficer, $"/api/meetings/{meetingId}/shared-view"), "municipal.assistance");

        Assert.Equal("ok", atAf["status"]!.GetValue<string>());
        Assert.NotNull(atAf["data"]!["forsorjningsstod"]);
        Assert.Equal("withheld", atFk["status"]!.GetValue<string>());
        Assert.Null(atFk["data"]);
    }
}

/// <summary>One party's system stops answering: its section is unavailable, the rest arrives within the deadline.</summary>
public sealed class SharedViewDeadlineTests(SharedViewDeadlineTests.SlowFkApp app) : IClassFixture<SharedViewDeadlineTests.SlowFkApp>
{
    /// <summary>Long enough for a warm AF adapter on a busy machine, far shorter than FK's hang.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    /// <summary>What the view may take beyond the deadline: asking who takes part, the consent decision, recording.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FkHang = TimeSpan.FromSeconds(30);

    private readonly FinsamClient _finsam = new(app.CreateClient);

    public sealed class SlowFkApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:Gateway:SharedView:Deadline", Deadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IAgencySystem<FkBenefit>, HangingFk>());
        }
    }

    /// <summary>FK's system as it behaves when it hangs: no answer until the caller gives up.</summary>
    private sealed class HangingFk : IAgencySystem<FkBenefit>
    {
        public async Task<FkBenefit?> FindAsync(string personRef, CancellationToken cancellationToken)
        {
            await Task.Delay(FkHang, cancellationToken);
            return null;
        }
    }

    private static string StatusOf(JsonArray sections, string category) =>
        sections.Single(s => s!["category"]!.GetValue<string>() == category)!["status"]!.GetValue<string>();

    [Fact]
    public async Task A_source_that_does_not_answer_is_unavailable_and_the_rest_still_returns_in_time()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);
        await _finsam.RecordConfirmedConsentAsync(FinsamClient.OvanakerCoach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting", "af.registration", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting")));
        var meetingId = (await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/meetings", new
        {
            personRef, scheduledAt = DateTimeOffset.UtcNow.AddDays(1), mode = "in-person",
            participants = new[] { new { party = "municipality", unitId = "ovanaker-ips" }, new { party = "forsakringskassan", unitId = "fk-gavle" } },
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();
        var path = $"/api/meetings/{meetingId}/shared-view";
        // A first call warms every path (the gateway, the consent decision, AF's adapter); on a cold machine its
        // AF section may come too late, so only the second call is judged.
        await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, path);

        var watch = Stopwatch.StartNew();
        var sections = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, path))["sections"]!.AsArray();
        watch.Stop();

        Assert.Equal("unavailable", StatusOf(sections, "fk.benefits"));
        Assert.Equal("ok", StatusOf(sections, "af.registration"));
        Assert.True(watch.Elapsed < Deadline + Margin, $"The view took {watch.Elapsed}; the deadline is {Deadline} and FK hangs for {FkHang}.");
        Assert.True(watch.Elapsed >= Deadline - TimeSpan.FromMilliseconds(50), $"The view took {watch.Elapsed}: it cannot have waited the deadline ({Deadline}) for FK.");
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "view" && x["sourceParty"]?.GetValue<string>() == "arbetsformedlingen"));
        Assert.DoesNotContain(records, r => r["sourceParty"]?.GetValue<string>() == "forsakringskassan" && r["action"]!.GetValue<string>() == "view");
    }
}
