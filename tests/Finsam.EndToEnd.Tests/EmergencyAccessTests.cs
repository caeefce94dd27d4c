using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace Finsam.EndToEnd.Tests;

/// <summary>
/// Emergency access (nödöppning, issue 14 item 4, docs/adr/0025): a clinician or social worker opens categories of a
/// person who cannot consent, with a reason and a listed legal basis; it opens those sections for them alone, for a
/// configured time, never past a block unless the basis allows; every view under it is an audit record of its own,
/// flagged for follow-up.
/// </summary>
public sealed class EmergencyAccessTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private const string PassesBlocks = "nodatkomst-journal";
    private const string KeepsBlocks = "nodvandigt-utlamnande";
    private static readonly string[] WorkCapacity = ["health.workcapacity"];
    private readonly FinsamClient _finsam = new(app.CreateClient);

    private static object Request(string personRef, string[] categories, string? reason = "Personen är förvirrad och kan inte ta ställning; underlaget behövs för akut planering.", string? legalBasis = KeepsBlocks) =>
        new { personRef, categories, reason, legalBasis };

    private async Task<Guid> OpenAsync(string userId, string personRef, string[] categories, string legalBasis = KeepsBlocks) =>
        (await _finsam.PostJsonAsync(userId, "/api/emergency-access", Request(personRef, categories, legalBasis: legalBasis), HttpStatusCode.Created))["accessId"]!.GetValue<Guid>();

    private async Task<Dictionary<string, JsonNode>> SectionsAsync(string userId, Guid accessId) =>
        (await _finsam.GetJsonAsync(userId, $"/api/emergency-access/{accessId}"))["sections"]!.AsArray()
            .ToDictionary(s => s!["category"]!.GetValue<string>(), s => s!);

    private Task<string> NewPersonAsync() => _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.SocialWorker);

    [Fact]
    public async Task The_legal_bases_are_listed_each_with_its_statute()
    {
        var bases = (await _finsam.GetJsonAsync(FinsamClient.SocialWorker, "/api/emergency-access/legal-bases")).AsArray();

        Assert.Contains(bases, b => b!["code"]!.GetValue<string>() == KeepsBlocks && b["statute"]!.GetValue<string>().Contains("offentlighets- och sekretesslagen", StringComparison.Ordinal));
        Assert.All(bases, b => Assert.False(string.IsNullOrWhiteSpace(b!["statute"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("reason", null, KeepsBlocks)]
    [InlineData("reason", "  ", KeepsBlocks)]
    [InlineData("legalBasis", "Personen kan inte svara.", null)]
    [InlineData("legalBasis", "Personen kan inte svara.", "for-att-jag-vill")]
    public async Task Without_a_reason_or_a_listed_basis_it_is_refused_and_nothing_is_opened(string field, string? reason, string? legalBasis)
    {
        var personRef = await NewPersonAsync();

        var response = await _finsam.SendAsync(FinsamClient.SocialWorker, HttpMethod.Post, "/api/emergency-access", Request(personRef, WorkCapacity, reason, legalBasis));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"Expected an error for {field}: {errors.ToJsonString()}");
        var records = (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?personRef={personRef}&action=emergency-access-opened"))["items"]!.AsArray();
        Assert.Empty(records);
    }

    [Fact]
    public async Task An_AF_officer_cannot_open_emergency_access() =>
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _finsam.SendAsync(FinsamClient.AfOfficer, HttpMethod.Post, "/api/emergency-access", Request(await NewPersonAsync(), WorkCapacity))).StatusCode);

    [Fact]
    public async Task It_opens_the_sections_without_consent_and_each_view_is_an_emergency_access_record()
    {
        var personRef = await NewPersonAsync();
        var accessId = await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity);

        var sections = await SectionsAsync(FinsamClient.SocialWorker, accessId);

        var section = Assert.Single(sections).Value;
        Assert.Equal(("health-care", "ok"), (section["party"]!.GetValue<string>(), section["status"]!.GetValue<string>()));
        Assert.NotNull(section["data"]!["limitations"]);
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["action"]!.GetValue<string>() == "emergency-access"));
        var record = records.Single(r => r["action"]!.GetValue<string>() == "emergency-access");
        Assert.Equal(("health-care", "emergency", FinsamClient.SocialWorker),
            (record["sourceParty"]!.GetValue<string>(), record["purpose"]!.GetValue<string>(), record["actor"]!["userId"]!.GetValue<string>()));
        Assert.StartsWith(KeepsBlocks + ": ", record["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(records, r => r["action"]!.GetValue<string>() == "emergency-access-opened");
    }

    [Fact]
    public async Task Every_view_under_it_is_flagged_for_follow_up()
    {
        var personRef = await NewPersonAsync();
        await SectionsAsync(FinsamClient.SocialWorker, await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity));

        var flag = await FinsamClient.EventuallyAsync(async () => (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, "/api/audit/flags"))["items"]!.AsArray()
            .FirstOrDefault(f => f!["personRef"]?.GetValue<string>() == personRef && f["kind"]!.GetValue<string>() == "emergency-access"));

        Assert.Equal(FinsamClient.SocialWorker, flag["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task It_is_its_openers_alone_anyone_else_gets_not_found()
    {
        var accessId = await OpenAsync(FinsamClient.Clinician, await NewPersonAsync(), ["municipal.assistance"]);

        Assert.Equal(HttpStatusCode.NotFound, (await _finsam.SendAsync(FinsamClient.SocialWorker, HttpMethod.Get, $"/api/emergency-access/{accessId}")).StatusCode);
    }

    [Fact]
    public async Task Its_opener_finds_it_among_the_persons_emergency_accesses_with_basis_reason_and_end()
    {
        var personRef = await NewPersonAsync();
        var accessId = await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity);

        var access = Assert.Single((await _finsam.GetJsonAsync(FinsamClient.SocialWorker, $"/api/persons/{personRef}/emergency-access")).AsArray())!;

        Assert.Equal((accessId, KeepsBlocks, true), (access["accessId"]!.GetValue<Guid>(), access["legalBasis"]!.GetValue<string>(), access["active"]!.GetValue<bool>()));
        Assert.Equal(WorkCapacity, access["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(access["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_colleague_is_not_told_of_anothers_emergency_access()
    {
        var personRef = await NewPersonAsync();
        await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity);

        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/emergency-access")).AsArray());
    }

    [Fact]
    public async Task A_block_keeps_its_categories_unless_the_legal_basis_passes_blocks()
    {
        var personRef = await NewPersonAsync();
        await _finsam.PostJsonAsync(FinsamClient.Clinician, $"/api/persons/{personRef}/blocks",
            new { toParty = "municipality", categories = WorkCapacity, reason = "Personen vill inte att kommunen ser detta." }, HttpStatusCode.Created);

        var kept = await SectionsAsync(FinsamClient.SocialWorker, await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity, KeepsBlocks));
        var passed = await SectionsAsync(FinsamClient.SocialWorker, await OpenAsync(FinsamClient.SocialWorker, personRef, WorkCapacity, PassesBlocks));

        Assert.Equal("blocked", kept["health.workcapacity"]["status"]!.GetValue<string>());
        Assert.Null(kept["health.workcapacity"]["data"]);
        Assert.Equal("ok", passed["health.workcapacity"]["status"]!.GetValue<string>());
    }
}

/// <summary>After its time an emergency access gives nothing, and the attempt is recorded.</summary>
public sealed class EmergencyAccessEndTests(EmergencyAccessEndTests.ShortEmergencyApp app) : IClassFixture<EmergencyAccessEndTests.ShortEmergencyApp>
{
    /// <summary>Emergency access that lasts two seconds, so its end comes within a test.</summary>
    public sealed class ShortEmergencyApp : FinsamApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Finsam:EmergencyAccess:Duration", "00:00:02");
        }
    }

    private static readonly string[] WorkCapacity = ["health.workcapacity"];
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task After_its_time_it_gives_nothing_and_the_attempt_is_a_recorded_denial()
    {
        var personRef = await _finsam.LookUpAsync(FinsamClient.NewPersonnummer(), FinsamClient.SocialWorker);
        var opened = await _finsam.PostJsonAsync(FinsamClient.SocialWorker, "/api/emergency-access", new
        {
            personRef, categories = WorkCapacity, reason = "Personen kan inte ta ställning.", legalBasis = "nodvandigt-utlamnande",
        }, HttpStatusCode.Created);
        var path = $"/api/emergency-access/{opened["accessId"]}";

        var ended = await FinsamClient.EventuallyAsync(async () =>
        {
            var response = await _finsam.SendAsync(FinsamClient.SocialWorker, HttpMethod.Get, path);
            return response.StatusCode == HttpStatusCode.Forbidden ? response : null;
        });

        Assert.DoesNotContain("limitations", await ended.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var records = await _finsam.AuditRecordsAsync(personRef, r => r.Any(x => x["reason"]?.GetValue<string>() == "emergency-access-ended"));
        Assert.Contains(records, r => r["action"]!.GetValue<string>() == "deny" && r["purpose"]!.GetValue<string>() == "emergency");
    }
}
