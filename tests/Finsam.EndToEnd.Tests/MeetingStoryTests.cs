using System.Net;
using System.Text.Json.Nodes;
using Finsam.Agencies.FollowUp;
using Finsam.Forsakringskassan;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Use 2 told once, in order, as issue 4 tells it: a coordination consent for four parties with different
/// categories each, a meeting of all four, each participant's shared view, minutes with actions owned by AF
/// and FK, a decision at FK that reaches the coach, and the audit trail the looks left.
/// </summary>
public sealed class MeetingStoryTests(MeetingTests.MeetingApp app) : IClassFixture<MeetingTests.MeetingApp>
{
    private const string Coach = FinsamClient.OvanakerCoach;
    private const string AfOfficer = "per.andersson";
    private const string FkOfficer = "eva.karlsson";
    private readonly FinsamClient _finsam = new(app.CreateClient);

    /// <summary>What each participant's party may see: the consent below, read by hand.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Coach] = ["ips.plan", "af.registration", "fk.benefits", "health.contact", "health.workcapacity"],
        [FinsamClient.Clinician] = ["ips.plan", "af.registration"],
        [AfOfficer] = ["ips.plan", "health.workcapacity", "municipal.assistance"],
        [FkOfficer] = ["ips.plan", "health.workcapacity", "health.diagnosis"],
    };

    private static readonly string[] Decisions = ["Sikta på praktik inom handel."];

    private static IReadOnlyDictionary<string, string> PartyOf => MeetingTests.PartyOf;

    [Fact]
    public async Task A_follow_up_meeting_from_consent_to_FKs_decision_reaching_the_coach()
    {
        var ct = TestContext.Current.CancellationToken;

        // The person is referred to IPS and the coach has started; the person consents to coordination with four parties.
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        // The case is the unit's relation with the person (docs/adr/0027): now the coach may record what serves the unit.
        await _finsam.RecordConfirmedConsentAsync(Coach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", [.. Allowed[Coach].Prepend("meeting")]),
            FinsamClient.Provision("health-care", null, [.. Allowed[FinsamClient.Clinician].Prepend("meeting")]),
            FinsamClient.Provision("arbetsformedlingen", null, [.. Allowed[AfOfficer].Prepend("meeting")]),
            FinsamClient.Provision("forsakringskassan", null, [.. Allowed[FkOfficer].Prepend("meeting")])));
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = Coach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(Coach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        // The coach schedules a meeting with all four.
        var meetingId = (await _finsam.PostJsonAsync(Coach, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "in-person",
            participants = new object[]
            {
                new { party = "municipality", unitId = "ovanaker-ips", userId = Coach },
                new { party = "health-care", unitId = "halsingland-psykiatri", userId = FinsamClient.Clinician },
                new { party = "arbetsformedlingen", unitId = "af-bollnas", userId = AfOfficer },
                new { party = "forsakringskassan", unitId = "fk-gavle", userId = FkOfficer },
            },
            agenda = "Arbete, försörjning och vård",
        }, HttpStatusCode.Created))["meetingId"]!.GetValue<Guid>();

        // Each participant opens the shared view and gets exactly their party's sections, with data only there.
        foreach (var (viewer, allowed) in Allowed)
        {
            var sections = (await _finsam.GetJsonAsync(viewer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray();
            Assert.Equal(
                PartyOf.Select(c => $"{c.Value} {c.Key} {(allowed.Contains(c.Key) ? "ok data" : "withheld no-data")}").Order(StringComparer.Ordinal),
                sections.Select(s => $"{s!["party"]} {s["category"]} {s["status"]} {(s["data"] is JsonObject ? "data" : "no-data")}").Order(StringComparer.Ordinal));
            if (viewer == Coach)
            {
                var plan = sections.Single(s => s!["category"]!.GetValue<string>() == "ips.plan")!["data"]!;
                Assert.Equal("active", plan["status"]!.GetValue<string>());
            }
        }

        // The meeting ends with two action items, one owned by AF and one by FK; both agencies see them.
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await _finsam.PostJsonAsync(Coach, $"/api/meetings/{meetingId}/minutes", new
        {
            notes = "Kim vill arbeta inom handel, 50 %.",
            decisions = Decisions,
            actions = new object[]
            {
                new { ownerParty = "arbetsformedlingen", ownerUnitId = "af-bollnas", description = "Utreda lönebidrag", due },
                new { ownerParty = "forsakringskassan", ownerUnitId = "fk-gavle", description = "Avstämning om sjukpenningens fortsättning", due },
            },
            nextMeetingAt = DateTimeOffset.UtcNow.AddDays(30),
        }, HttpStatusCode.OK);
        foreach (var officer in new[] { AfOfficer, FkOfficer })
        {
            var actions = (await _finsam.GetJsonAsync(officer, $"/api/meetings/{meetingId}"))["actions"]!.AsArray();
            Assert.Equal(["arbetsformedlingen", "forsakringskassan"], actions.Select(a => a!["ownerParty"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        }

        // FK decides sjukpenning; the change reaches the coach's case.
        await FinsamClient.EventuallyAsync(async () =>
        {
            await using var fk = await app.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().ConnectAsync(ct);
            return await fk.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followed_persons WHERE person_ref = @PersonRef", new { PersonRef = personRef }) > 0 ? "yes" : null;
        });
        var today = SwedishTime.Today(app.Services.GetRequiredService<TimeProvider>());
        app.Services.GetRequiredService<SimulatedForsakringskassan>().Record(personRef, new FkBenefit("sjukpenning", 50, today, today.AddDays(90), null, "Eva Karlsson"));
        await app.Services.GetRequiredService<AgencyWatcher<ForsakringskassanService>>().WatchOnceAsync(ct);
        var change = await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(Coach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray()
            .FirstOrDefault(e => e!["party"]!.GetValue<string>() == "forsakringskassan"));
        Assert.StartsWith("Sjukpenning 50 % från", change!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // Each look left one view per section shown and a denial per section withheld, and nothing else; the coach's
        // look at FK's news on the case is one more view of fk.benefits under the coordination consent FK shared it under.
        var expected = Allowed.ToDictionary(viewer => viewer.Key, viewer => (viewer.Key == Coach
            ? MeetingTests.ExpectedRecords(viewer.Value).Append("view forsakringskassan fk.benefits").Order(StringComparer.Ordinal)
            : MeetingTests.ExpectedRecords(viewer.Value)).ToList());
        var records = await _finsam.AuditRecordsAsync(personRef, r => expected.All(viewer => MeetingTests.SectionRecordsOf(r, viewer.Key).Count() >= viewer.Value.Count));
        foreach (var (viewer, theirs) in expected)
        {
            Assert.Equal(theirs, MeetingTests.SectionRecordsOf(records, viewer));
        }
    }
}
