using System.Net;

namespace Finsam.EndToEnd.Tests;

/// <summary>Use 1: a clinician refers a person to an IPS coach, and everyone sees what they should.</summary>
public sealed class ReferralStoryTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task The_clinician_sees_the_referral_go_sent_received_assigned_started()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);

        var submitted = await _finsam.PostJsonAsync(FinsamClient.Clinician, "/api/referrals", FinsamClient.Referral(personRef), HttpStatusCode.Accepted);
        Assert.Equal("sent", submitted["status"]!.GetValue<string>());
        var referralId = submitted["referralId"]!.GetValue<Guid>();

        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.WaitForReferralStatusAsync(referralId, "received");

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "assigned");

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "started");

        Assert.Equal(["sent", "received", "assigned", "started"], await _finsam.WaitForReferralHistoryAsync(referralId, 4));
    }

    [Fact]
    public async Task The_coach_records_a_placement_on_the_case_and_ends_it_and_the_case_shows_it_ended()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        var placement = await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/placements",
            new { type = "nystartsjobb", employer = "Edsbyns Lager AB", extentPercent = 75, from = "2025-10-06" }, HttpStatusCode.Created);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/placements/{placement["placementId"]}/end",
            new { to = "2025-12-31" }, HttpStatusCode.OK);

        var onCase = Assert.Single((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["placements"]!.AsArray())!;
        Assert.Equal(("nystartsjobb", "2025-12-31", false), (onCase["type"]!.GetValue<string>(), onCase["to"]!.GetValue<string>(), onCase["ongoing"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task The_coordinator_sees_the_referral_in_the_queue_with_its_waiting_days_and_referring_unit()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);

        await _finsam.WaitForQueuedCaseAsync(personRef);
        var entry = (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, "/api/ips/queue")).AsArray()
            .Single(e => e!["personRef"]!.GetValue<string>() == personRef)!;

        Assert.Equal(0, entry["waitingDays"]!.GetValue<int>());
        Assert.Equal("Region Gävleborg, Psykiatrin Hälsingland", entry["referringUnitName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_coach_sees_the_referral_content_the_consent_allowed_and_only_the_allowed_next_steps()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);

        var ipsCase = await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}");

        Assert.Equal("Arbete inom handel, 50 % till att börja med.", ipsCase["referral"]!["ownGoal"]!.GetValue<string>());
        Assert.Equal("Kim Andersson", ipsCase["contact"]!["name"]!.GetValue<string>());
        Assert.Equal(["assigned", "active", "closed"], ipsCase["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_share_and_view_of_the_story_is_recorded_once_with_its_consent()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        var consentId = await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        // Every look at a status the IPS unit reported (anything after "sent") is a view of its ips.plan data.
        var looksAtReports = 0;
        await FinsamClient.EventuallyAsync(async () =>
        {
            var status = (await _finsam.GetJsonAsync(FinsamClient.Clinician, "/api/referrals")).AsArray()
                .Single(r => r!["referralId"]!.GetValue<Guid>() == referralId)!["status"]!.GetValue<string>();
            looksAtReports += status == "sent" ? 0 : 1;
            return status == "started" ? status : null;
        });
        await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/referrals/{referralId}");
        await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}");

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Count >= 6 + looksAtReports + 1);

        Assert.Equal(
        [
            "consent-granted permitted anna.lind -> referral,contact,ips.plan",
            "share permitted anna.lind health-care->municipality referral,contact",
            "share permitted erik.holm municipality->health-care ips.plan",
            "share permitted karin.berg municipality->health-care ips.plan",
            "share permitted system:municipality municipality->health-care ips.plan",
            .. Enumerable.Repeat("view permitted anna.lind municipality->health-care ips.plan", looksAtReports + 1),
            "view permitted erik.holm health-care->municipality referral,contact",
        ], records.Select(FinsamClient.Describe).Order(StringComparer.Ordinal));
        Assert.All(records.Where(r => r["action"]!.GetValue<string>() is "share" or "view"), r =>
        {
            Assert.Equal(consentId, r["consentId"]!.GetValue<Guid>());
            Assert.Equal("ips-support", r["purpose"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task The_audit_chain_verifies_after_the_story()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "share"));

        var verify = await _finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/verify");

        Assert.True(verify["valid"]!.GetValue<bool>());
        Assert.True(verify["records"]!.GetValue<long>() >= 3);
    }

    [Fact]
    public async Task An_illegal_case_transition_is_refused_with_409_and_the_case_stays_as_it_was()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);

        var response = await _finsam.SendAsync(FinsamClient.OvanakerCoordinator, HttpMethod.Post, $"/api/ips/cases/{caseId}/status", new { status = "dormant" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("queued", (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_closed_case_can_be_reopened_and_the_referrer_hears_started_again()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        var referralId = await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", FinsamClient.Closing(), HttpStatusCode.OK);
        await _finsam.WaitForReferralStatusAsync(referralId, "closed");

        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active", reason = "Hörde av sig igen" }, HttpStatusCode.OK);

        await _finsam.WaitForReferralStatusAsync(referralId, "started");
    }
}
