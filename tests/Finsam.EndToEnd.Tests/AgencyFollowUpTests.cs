using System.Net;
using Finsam.Forsakringskassan;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults.Agencies;
using Finsam.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>A change at FK reaches the IPS coach when the consent allows it, and only then.</summary>
public sealed class AgencyFollowUpTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app);

    private async Task<(string PersonRef, Guid CaseId)> StartedCaseAsync(params object[] coordinationProvisions)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, "/api/consents",
            FinsamClient.SharingConsent(personRef, "coordination", coordinationProvisions), HttpStatusCode.Created);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        return (personRef, caseId);
    }

    private async Task FkFollowsAsync(string personRef) =>
        await FinsamClient.EventuallyAsync(async () =>
        {
            await using var session = await app.Services.GetRequiredService<ServiceDatabase<ForsakringskassanService>>().ConnectAsync(TestContext.Current.CancellationToken);
            return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followed_persons WHERE person_ref = @PersonRef", new { PersonRef = personRef }) > 0 ? "yes" : null;
        });

    private async Task FkDecidesAsync(string personRef)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        app.Services.GetRequiredService<SimulatedForsakringskassan>().Decide(personRef, new FkBenefit("sjukpenning", 25, today, today.AddDays(60), null, "Eva Karlsson"));
        await app.Services.GetRequiredService<AgencyWatcher<ForsakringskassanService>>().WatchOnceAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_new_decision_at_FK_reaches_the_coachs_case_as_a_recorded_share()
    {
        var (personRef, caseId) = await StartedCaseAsync(
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan"));
        await FkFollowsAsync(personRef);

        await FkDecidesAsync(personRef);
        var change = await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray().FirstOrDefault());
        Assert.StartsWith("Sjukpenning 25 % från", change!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("forsakringskassan", change["party"]!.GetValue<string>());
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["sourceParty"]?.GetValue<string>() == "forsakringskassan"));
        Assert.Single(records, r => FinsamClient.Describe(r) == "share permitted system:forsakringskassan forsakringskassan->municipality fk.benefits");
        Assert.Single(records, r => FinsamClient.Describe(r) == "share permitted erik.holm municipality->forsakringskassan ips.plan");
    }

    [Fact]
    public async Task Without_consent_for_fk_benefits_the_change_stays_at_FK_and_the_denial_is_recorded()
    {
        var (personRef, caseId) = await StartedCaseAsync(
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan"));
        await FkFollowsAsync(personRef);

        await FkDecidesAsync(personRef);

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal("deny denied system:forsakringskassan forsakringskassan->municipality fk.benefits", FinsamClient.Describe(denial));
        Assert.Equal("no-consent", denial["reason"]!.GetValue<string>());
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray());
    }

    [Fact]
    public async Task Without_consent_for_ips_plan_FK_is_not_told_about_the_IPS_case()
    {
        var (personRef, _) = await StartedCaseAsync(FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "fk.benefits"));

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Count(x => x["action"]!.GetValue<string>() == "share") >= 4);
        Assert.DoesNotContain(records, r => r["recipientParty"]?.GetValue<string>() == "forsakringskassan");
    }
}
