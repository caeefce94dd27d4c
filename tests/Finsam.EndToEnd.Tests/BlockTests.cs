using System.Net;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Blocks (spärr, issue 14 item 3): recorded at the person's request, a block wins over a consent that names the
/// same information, says that it exists ("blocked"), and once lifted lets the consent apply again.
/// </summary>
public sealed class BlockTests(MeetingTests.MeetingApp app) : IClassFixture<MeetingTests.MeetingApp>
{
    private const string FkOfficer = "eva.karlsson";
    private static readonly string[] Diagnosis = ["health.diagnosis"];
    private static readonly string[] IpsPlan = ["ips.plan"];
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private async Task<(string PersonRef, Guid MeetingId)> MeetingWhereFkMaySeeTheDiagnosisAsync()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.OvanakerCoach);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "health.diagnosis")), HttpStatusCode.Created);
        var meeting = await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(7),
            mode = "digital",
            participants = new[] { new { party = "municipality", unitId = "ovanaker-ips" }, new { party = "forsakringskassan", unitId = "fk-gavle" } },
        }, HttpStatusCode.Created);
        return (personRef, meeting["meetingId"]!.GetValue<Guid>());
    }

    private async Task<JsonNode> DiagnosisAtFkAsync(Guid meetingId) =>
        (await _finsam.GetJsonAsync(FkOfficer, $"/api/meetings/{meetingId}/shared-view"))["sections"]!.AsArray()
            .Single(s => s!["category"]!.GetValue<string>() == "health.diagnosis")!;

    private Task<JsonNode> BlockAsync(string personRef) =>
        _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/blocks",
            new { toParty = "forsakringskassan", categories = Diagnosis, reason = "Personen vill inte att FK ser diagnosen." }, HttpStatusCode.Created);

    [Fact]
    public async Task A_block_on_the_diagnosis_to_fk_holds_against_a_consent_that_names_it_and_says_it_exists()
    {
        var (personRef, meetingId) = await MeetingWhereFkMaySeeTheDiagnosisAsync();
        Assert.Equal("ok", (await DiagnosisAtFkAsync(meetingId))["status"]!.GetValue<string>());

        await BlockAsync(personRef);

        var section = await DiagnosisAtFkAsync(meetingId);
        Assert.Equal("blocked", section["status"]!.GetValue<string>());
        Assert.Null(section["data"]);
        var denial = await _finsam.AuditRecordsAsync(personRef, records => records.Any(r => r["reason"]?.GetValue<string>() == "blocked"));
        Assert.Contains(denial, r => r["action"]!.GetValue<string>() == "deny" && r["actor"]!["userId"]!.GetValue<string>() == FkOfficer);
    }

    [Fact]
    public async Task A_lifted_block_lets_the_consent_apply_again_and_keeps_who_lifted_it_and_when()
    {
        var (personRef, meetingId) = await MeetingWhereFkMaySeeTheDiagnosisAsync();
        var blockId = (await BlockAsync(personRef))["blockId"]!.GetValue<Guid>();

        var lifted = await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/blocks/{blockId}/lift", new { }, HttpStatusCode.OK);

        Assert.Equal("ok", (await DiagnosisAtFkAsync(meetingId))["status"]!.GetValue<string>());
        Assert.Equal(FinsamClient.Clinician, lifted["liftedBy"]!.GetValue<string>());
        var listed = (await _finsam.GetJsonAsync(FkOfficer, $"/api/persons/{personRef}/blocks")).AsArray().Single()!;
        Assert.Equal("lifted", listed["status"]!.GetValue<string>());
        Assert.NotNull(listed["liftedAt"]);
    }

    [Fact]
    public async Task A_blocked_share_on_the_bus_is_not_sent_and_is_recorded_as_a_denial_for_the_block()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "assigned");

        // The person asks the IPS unit to keep the case's progress from health care.
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/persons/{personRef}/blocks", new { toParty = "health-care", categories = IpsPlan }, HttpStatusCode.Created);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal("deny denied erik.holm municipality->health-care ips.plan", FinsamClient.Describe(denial));
        Assert.Equal("blocked", denial["reason"]!.GetValue<string>());
        Assert.Equal("assigned", await _finsam.ReferralStatusAsync(referralId));
    }

    [Fact]
    public async Task Only_the_unit_that_recorded_a_block_lifts_it()
    {
        var (personRef, _) = await MeetingWhereFkMaySeeTheDiagnosisAsync();
        var blockId = (await BlockAsync(personRef))["blockId"]!.GetValue<Guid>();

        var response = await _finsam.SendAsync(FkOfficer, HttpMethod.Post, $"/api/blocks/{blockId}/lift", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("active", (await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/blocks")).AsArray().Single()!["status"]!.GetValue<string>());
    }
}
