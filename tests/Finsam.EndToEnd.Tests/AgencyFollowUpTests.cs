using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Finsam.Agencies.FollowUp;
using Finsam.Arbetsformedlingen;
using Finsam.Arbetsformedlingen.AfSystem;
using Finsam.Forsakringskassan;
using Finsam.Forsakringskassan.FkSystem;
using Finsam.ServiceDefaults;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>A change at FK or AF reaches the IPS coach when the consent allows it, and only then.</summary>
public sealed class AgencyFollowUpTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private async Task<(string PersonRef, Guid CaseId)> StartedCaseAsync(params object[] coordinationProvisions)
    {
        var (personRef, caseId, _) = await StartedCaseWithConsentAsync(coordinationProvisions);
        return (personRef, caseId);
    }

    private async Task<(string PersonRef, Guid CaseId, Guid CoordinationConsentId)> StartedCaseWithConsentAsync(params object[] coordinationProvisions)
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.RecordReferralConsentAsync(personRef);
        await _finsam.SubmitReferralAsync(personRef);
        var caseId = await _finsam.WaitForQueuedCaseAsync(personRef);
        // The case is the unit's relation with the person (docs/adr/0027): now the coach may record what serves the unit.
        var coordination = await _finsam.RecordConfirmedConsentAsync(FinsamClient.OvanakerCoach,
            FinsamClient.SharingConsent(personRef, "coordination", coordinationProvisions));
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.OvanakerCoach }, HttpStatusCode.OK);
        await _finsam.PostJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        return (personRef, caseId, coordination);
    }

    private DateOnly Today => SwedishTime.Today(app.Services.GetRequiredService<TimeProvider>());

    private Task FkFollowsAsync(string personRef) => FollowsAsync<ForsakringskassanService>(personRef);

    private Task AfFollowsAsync(string personRef) => FollowsAsync<ArbetsformedlingenService>(personRef);

    /// <summary>Waits until the agency's adapter has heard that the IPS unit follows the person.</summary>
    private async Task FollowsAsync<TService>(string personRef)
        where TService : IFinsamService =>
        await FinsamClient.EventuallyAsync(async () =>
        {
            await using var session = await app.Services.GetRequiredService<ServiceDatabase<TService>>().ConnectAsync(TestContext.Current.CancellationToken);
            return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM followed_persons WHERE person_ref = @PersonRef", new { PersonRef = personRef }) > 0 ? "yes" : null;
        });

    /// <summary>AF decides lönebidrag for the person today (the simulator's run-time hook), and AF's watcher looks.</summary>
    private async Task<WageSubsidy> AfDecidesLonebidragAsync(string personRef)
    {
        var today = Today;
        var lonebidrag = new WageSubsidy(today, today.AddDays(14), today.AddDays(14).AddMonths(12).AddDays(-1), 70);
        app.Services.GetRequiredService<SimulatedArbetsformedlingen>().Record(personRef, new AfJobSeeker(
            true, today.AddMonths(-4), "Stöd och matchning", Sius: true, Aktivitetsstod: true, lonebidrag, new Officer("Per Andersson", "010-486 10 00")));
        await app.Services.GetRequiredService<AgencyWatcher<ArbetsformedlingenService>>().WatchOnceAsync(TestContext.Current.CancellationToken);
        return lonebidrag;
    }

    private async Task FkDecidesAsync(string personRef)
    {
        var today = Today;
        app.Services.GetRequiredService<SimulatedForsakringskassan>().Record(personRef, new FkBenefit("sjukpenning", 25, today, today.AddDays(60), null, "Eva Karlsson"));
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
    public async Task A_coach_opening_a_case_with_FKs_news_is_recorded_as_a_view_of_fk_benefits_from_FK()
    {
        var (records, _) = await CoachOpensCaseWithFksNewsAsync();

        Assert.Contains(records, r => FinsamClient.Describe(r) == "view permitted erik.holm health-care->municipality referral,contact");
    }

    [Fact]
    public async Task A_coach_viewing_FKs_news_is_recorded_under_the_coordination_consent_FK_shared_it_under()
    {
        var (records, coordinationConsentId) = await CoachOpensCaseWithFksNewsAsync();

        var view = records.First(r => FinsamClient.Describe(r) == FkNewsViewed);
        Assert.Equal(coordinationConsentId.ToString(), view["consentId"]!.GetValue<string>());
        Assert.Equal("coordination", view["purpose"]!.GetValue<string>());
    }

    private const string FkNewsViewed = "view permitted erik.holm forsakringskassan->municipality fk.benefits";

    /// <summary>FK decides for a person in IPS; the coach opens the case and sees it. The person's records once that view is among them.</summary>
    private async Task<(IReadOnlyList<JsonNode> Records, Guid CoordinationConsentId)> CoachOpensCaseWithFksNewsAsync()
    {
        var (personRef, caseId, coordinationConsentId) = await StartedCaseWithConsentAsync(
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "fk.benefits"),
            FinsamClient.Provision("forsakringskassan", null, "meeting", "ips.plan"));
        await FkFollowsAsync(personRef);
        await FkDecidesAsync(personRef);
        await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray().FirstOrDefault());

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => FinsamClient.Describe(x) == FkNewsViewed));
        return (records, coordinationConsentId);
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

    [Fact]
    public async Task A_lonebidrag_decision_at_AF_reaches_the_coachs_case_as_a_recorded_share()
    {
        var (personRef, caseId) = await StartedCaseAsync(
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting", "af.registration"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan"));
        await AfFollowsAsync(personRef);

        var lonebidrag = await AfDecidesLonebidragAsync(personRef);
        var change = await FinsamClient.EventuallyAsync(async () =>
            (await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray().FirstOrDefault());
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture,
                $"Inskriven, Stöd och matchning, med SIUS. Lönebidrag beslutat {lonebidrag.DecidedOn:yyyy-MM-dd}, 70 %, {lonebidrag.From:yyyy-MM-dd}–{lonebidrag.To:yyyy-MM-dd}."),
            change!["description"]!.GetValue<string>());
        Assert.Equal("arbetsformedlingen", change["party"]!.GetValue<string>());
        Assert.Equal("af.registration", change["category"]!.GetValue<string>());
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["sourceParty"]?.GetValue<string>() == "arbetsformedlingen"));
        Assert.Single(records, r => FinsamClient.Describe(r) == "share permitted system:arbetsformedlingen arbetsformedlingen->municipality af.registration");
        Assert.Single(records, r => FinsamClient.Describe(r) == "share permitted erik.holm municipality->arbetsformedlingen ips.plan");

        // Looking again, with nothing new at AF, tells the coach nothing more: one change, one message.
        await app.Services.GetRequiredService<AgencyWatcher<ArbetsformedlingenService>>().WatchOnceAsync(TestContext.Current.CancellationToken);
        await using var af = await app.Services.GetRequiredService<ServiceDatabase<ArbetsformedlingenService>>().ConnectAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await af.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE message_type = @Type AND body LIKE @Person",
            new { Type = typeof(Finsam.Contracts.Sharing.AgencyStatusChanged).FullName, Person = $"%{personRef}%" }));
    }

    [Fact]
    public async Task Without_consent_for_af_registration_the_lonebidrag_decision_stays_at_AF_and_the_denial_is_recorded()
    {
        var (personRef, caseId) = await StartedCaseAsync(
            FinsamClient.Provision("municipality", "ovanaker-ips", "meeting"),
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "ips.plan"));
        await AfFollowsAsync(personRef);

        await AfDecidesLonebidragAsync(personRef);

        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "deny"));
        var denial = Assert.Single(records, r => r["action"]!.GetValue<string>() == "deny");
        Assert.Equal("deny denied system:arbetsformedlingen arbetsformedlingen->municipality af.registration", FinsamClient.Describe(denial));
        Assert.Equal("no-consent", denial["reason"]!.GetValue<string>());
        Assert.DoesNotContain(records, r => r["action"]!.GetValue<string>() == "share" && r["sourceParty"]?.GetValue<string>() == "arbetsformedlingen");
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.OvanakerCoach, $"/api/ips/cases/{caseId}"))["agencyEvents"]!.AsArray());
    }
}
