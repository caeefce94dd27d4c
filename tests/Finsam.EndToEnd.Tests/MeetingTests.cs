using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
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

    /// <summary>Different categories for each party, as a person would choose them.</summary>
    private async Task<Guid> CoordinationConsentAsync(string personRef) =>
        (await _finsam.PostJsonAsync(Coach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact", "health.workcapacity"),
            FinsamClient.Provision("health-care", null, "meeting", "ips.plan"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan", "health.workcapacity")), HttpStatusCode.Created))["consentId"]!.GetValue<Guid>();

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

    [Fact]
    public async Task A_withheld_section_carries_no_data_and_each_section_is_recorded_as_a_view_or_a_denial()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var sections = (await _finsam.GetJsonAsync(AfOfficer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray();

        Assert.All(sections.Where(s => s!["status"]!.GetValue<string>() == "withheld"), s => Assert.Null(s!["data"]));
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["actor"]!["userId"]!.GetValue<string>() == AfOfficer) == 8);
        var mine = records.Where(r => r["actor"]!["userId"]!.GetValue<string>() == AfOfficer).ToList();
        Assert.Equal(
            ["deny arbetsformedlingen af.registration", "deny health-care health.contact", "deny health-care health.diagnosis", "deny health-care health.workcapacity",
             "deny municipality ips.employment", "deny municipality municipal.assistance",
             "view forsakringskassan fk.benefits", "view municipality ips.plan"],
            mine.Select(r => $"{r["action"]} {r["sourceParty"]} {r["categories"]![0]}").Order(StringComparer.Ordinal));
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

    public static TheoryData<string, string> InvalidMeetings => new()
    {
        { """{"scheduledAt":"2030-01-01T09:00:00Z","mode":"digital","participants":[{"party":"the-police","unitId":"x"}]}""", "participants[0].party" },
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

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty((await _finsam.GetJsonAsync(Coach, $"/api/meetings?personRef={personRef}")).AsArray());
    }

    [Theory]
    [InlineData("""{"notes":"ok","actions":[{"description":"Utan ägare","due":"2030-01-01"}]}""", "actions[0].ownerParty")]
    [InlineData("""{"notes":"ok","actions":[{"ownerParty":"forsakringskassan","description":"Utan datum"}]}""", "actions[0].due")]
    [InlineData("""{"notes":""}""", "notes")]
    public async Task Invalid_minutes_are_refused_and_nothing_is_stored(string minutes, string field)
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/meetings/{meetingId}/minutes", JsonNode.Parse(minutes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty((await _finsam.GetJsonAsync(Coach, $"/api/meetings/{meetingId}"))["actions"]!.AsArray());
    }

    [Fact]
    public async Task Oversized_notes_are_refused()
    {
        var personRef = await NewPersonAsync();
        await CoordinationConsentAsync(personRef);
        var meetingId = await ScheduleAsync(personRef);

        var response = await _finsam.SendAsync(Coach, HttpMethod.Post, $"/api/meetings/{meetingId}/minutes", new { notes = new string('x', 10_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
            builder.ConfigureTestServices(services => services.AddSingleton<IForsakringskassanSystem, HangingFk>());
        }
    }

    /// <summary>FK's system as it behaves when it hangs: no answer until the caller gives up.</summary>
    private sealed class HangingFk : IForsakringskassanSystem
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
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", null, "meeting", "af.registration", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting")), HttpStatusCode.Created);
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
