using System.Net;
using Finsam.Distributed.Tests.Cluster;

namespace Finsam.Distributed.Tests;

/// <summary>Uses 1 and 2 with every party in a process of its own, talking over RabbitMQ and HTTP with keyed grants.</summary>
public sealed class StoriesAcrossProcessesTests
{
    [Fact]
    public async Task A_referral_travels_from_the_clinician_to_a_started_ips_case_and_back_across_processes()
    {
        await using var cluster = await FinsamCluster.StartAsync(FinsamCluster.ReferralServices);
        await TheReferralStoryAsync(cluster.Client);
    }

    [Fact]
    public async Task A_referral_travels_the_same_way_when_every_service_keeps_its_data_in_sql_server()
    {
        await using var cluster = await FinsamCluster.StartOnSqlServerAsync(FinsamCluster.ReferralServices);
        await TheReferralStoryAsync(cluster.Client);
    }

    private static readonly string[] WithFollowUp = [.. FinsamCluster.ReferralServices, "follow-up"];
    private static readonly string[] Forsorjningsstod = ["forsorjningsstod"];

    [Fact]
    public async Task An_enrolment_reaches_the_follow_up_service_de_identified_and_the_analysts_report_across_processes()
    {
        await using var cluster = await FinsamCluster.StartAsync(WithFollowUp);
        var finsam = cluster.Client;
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await finsam.RecordReferralConsentAsync(personRef);
        await finsam.SubmitReferralAsync(personRef);
        var caseId = await finsam.WaitForQueuedCaseAsync(personRef);
        await finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);

        await finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/intake", new
        {
            date = "2026-03-02", sex = "woman", birthYear = 1985, education = "compulsory", lastEmployed = "never", afRegistered = false,
            occupation = "none", extentBand = "none", incomeSources = Forsorjningsstod, timeInPublicSupport = "over-3-years", wishAndGoal = "Arbete",
        }, HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => await cluster.QueryStoreAsync<long>("follow-up", "SELECT count(*) FROM enrolment_starts") == 1, seconds: 30);
        Assert.Equal(0, await cluster.QueryStoreAsync<long>("follow-up", $"SELECT count(*) FROM enrolment_starts WHERE pseudonym = '{personRef}' OR unit_id <> 'ovanaker-ips'"));

        // The analyst's report, from the gateway's process to the follow-up service's: one enrolled is a small cell, so hidden.
        var report = await finsam.GetJsonAsync(FinsamClient.Analyst, "/api/follow-up/interventions/ovanaker-hallbart-arbetsliv/report");
        Assert.Null(report["participants"]!["enrolled"]);
        Assert.Contains("participants.enrolled", report["suppressed"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    private static async Task TheReferralStoryAsync(FinsamClient finsam)
    {
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await finsam.RecordReferralConsentAsync(personRef);

        var referralId = await finsam.SubmitReferralAsync(personRef);
        var caseId = await finsam.WaitForQueuedCaseAsync(personRef);
        await finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);

        await finsam.WaitForReferralStatusAsync(referralId, "started");
        Assert.Equal(["sent", "received", "assigned", "started"], await finsam.WaitForReferralHistoryAsync(referralId, 4));
        var records = await finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "share") == 4);
        Assert.Contains(records, r => FinsamClient.Describe(r) == "share permitted anna.lind health-care->municipality referral,contact");
        var verify = await finsam.GetJsonAsync(FinsamClient.Auditor, "/api/audit/verify");
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Fact]
    public async Task A_follow_up_meeting_gives_each_party_its_consented_sections_across_processes()
    {
        await using var cluster = await FinsamCluster.StartAsync(FinsamCluster.AllServices);
        var finsam = cluster.Client;
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await finsam.RecordConfirmedConsentAsync(FinsamClient.OvanakerCoach, FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("municipality", FinsamClient.OvanakerIps, "meeting", "ips.plan", "af.registration", "fk.benefits", "health.contact", "health.workcapacity"),
            FinsamClient.Provision("health-care", null, "meeting", "ips.plan"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan", "health.workcapacity")));
        var meetingId = await finsam.ScheduleFourPartyMeetingAsync(FinsamClient.OvanakerCoach, personRef);

        var view = await finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/meetings/{meetingId}/shared-view");

        // Each section came from its party's own process: municipality, health care, AF's and FK's adapters.
        const string ok = "ok", withheld = "withheld";
        Assert.Equal(new Dictionary<string, string>
        {
            ["ips.plan"] = ok, ["ips.employment"] = withheld, ["municipal.assistance"] = withheld,
            ["health.contact"] = ok, ["health.workcapacity"] = ok, ["health.diagnosis"] = withheld,
            ["af.registration"] = ok, ["fk.benefits"] = ok,
        }, view["sections"]!.AsArray().ToDictionary(s => s!["category"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>()));
        await finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "view") == 5);
    }
}
