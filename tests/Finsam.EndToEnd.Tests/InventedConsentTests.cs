using System.Net;
using System.Text.Json.Nodes;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// The invented-consent attack (issue 14, item 5): a case worker records a consent that gives their own party
/// another source's sensitive information. Until the source or the person confirms such consents (next step),
/// the auditors see every one of them in the flags.
/// </summary>
public sealed class InventedConsentTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task A_consent_giving_the_recorders_own_party_another_sources_sensitive_information_is_flagged()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());

        var consent = await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.diagnosis", "health.workcapacity", "municipal.assistance")), HttpStatusCode.Created);

        var flag = await FlagAsync(personRef, "self-granted-sensitive");
        Assert.Equal(FinsamClient.AfOfficer, flag["userId"]!.GetValue<string>());
        Assert.Contains("diagnos", flag["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Guid.Empty, consent["consentId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_view_under_such_a_consent_is_flagged_too()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer());
        await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/consents", FinsamClient.SharingConsent(personRef, "coordination",
            FinsamClient.Provision("arbetsformedlingen", null, "meeting", "health.diagnosis", "health.workcapacity")), HttpStatusCode.Created);
        var meeting = await _finsam.PostJsonAsync(FinsamClient.AfOfficer, "/api/meetings", new
        {
            personRef,
            scheduledAt = DateTimeOffset.UtcNow.AddDays(1),
            mode = "digital",
            participants = new[] { new { party = "arbetsformedlingen", unitId = "af-bollnas" } },
        }, HttpStatusCode.Created);

        await _finsam.GetJsonAsync(FinsamClient.AfOfficer, $"/api/meetings/{meeting["meetingId"]!.GetValue<Guid>()}/shared-view");

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
