using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>
/// A coach records where the person works, trains or studies (ips.employment) on the case, and ends it; the
/// placements show on the case and in the person's employment section for a shared view.
/// </summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private static readonly Actor OtherOvanakerCoach = new("sara.nystrom", "coach", "municipality", "ovanaker-ips");
    private static readonly Actor BollnasCoordinator = DemoActors.BollnasCoordinator;

    private readonly ServiceTestFactory<MunicipalityService> _factory = new();
    private PermittingConsentService? _consent;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => Date(SwedishTime.Today(TimeProvider.System));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        _consent = await PermittingConsentService.StartAsync();
        _factory.Settings["Finsam:Services:consent"] = _consent.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _consent!.DisposeAsync();
    }

    private static string NewPersonRef() => IpsCases.NewPersonRef();

    private async Task<HttpResponseMessage> PostAsync(Actor actor, string path, object body)
    {
        using var client = _factory.ClientWithGrant("municipality", actor);
        return await client.PostAsJsonAsync(path, body, Ct);
    }

    private async Task<HttpResponseMessage> PostRawAsync(Actor actor, string path, string json)
    {
        using var client = _factory.ClientWithGrant("municipality", actor);
        return await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
    }

    private async Task PostOkAsync(Actor actor, string path, object body)
    {
        var response = await PostAsync(actor, path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private Task<Guid> CaseAsync(string personRef, string status = "active") => new IpsCases(_factory).CaseAsync(personRef, status);

    private static object Praktik(string from = "2026-01-12", string? to = null) =>
        new { type = "praktik", employer = "ICA Kvantum Edsbyn", extentPercent = 50, from, to };

    private async Task<JsonObject> RecordAsync(Guid caseId, object placement, Actor? by = null)
    {
        var response = await PostAsync(by ?? DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements", placement);
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!.AsObject();
    }

    private async Task<JsonArray> PlacementsOnCaseAsync(Guid caseId)
    {
        using var client = _factory.ClientWithGrant("municipality", DemoActors.OvanakerCoach);
        return (await client.GetFromJsonAsync<JsonObject>($"/municipality/ips/cases/{caseId}", Ct))!["placements"]!.AsArray();
    }

    private async Task<JsonArray> EmploymentSectionAsync(string personRef)
    {
        using var client = _factory.ClientWithGrant("municipality", DemoActors.OvanakerCoach, "coordination", personRef, ["ips.employment"]);
        var sections = (await client.GetFromJsonAsync<JsonArray>($"/municipality/persons/{personRef}/sections", Ct))!;
        return sections.Single(s => s!["category"]!.GetValue<string>() == "ips.employment")!["data"]!["placements"]!.AsArray();
    }

    private static string Describe(JsonNode? placement) =>
        $"{placement!["type"]} {placement["employer"]} {placement["extentPercent"]} {placement["from"]}-{placement["to"]} {(placement["ongoing"]!.GetValue<bool>() ? "ongoing" : "ended")}";

    [Fact]
    public async Task A_recorded_placement_is_listed_on_its_case()
    {
        var caseId = await CaseAsync(NewPersonRef());

        var recorded = await RecordAsync(caseId, Praktik());

        Assert.Equal("praktik ICA Kvantum Edsbyn 50 2026-01-12- ongoing", Describe(recorded));
        Assert.Equal(recorded["placementId"]!.GetValue<Guid>(), Assert.Single(await PlacementsOnCaseAsync(caseId))!["placementId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task The_employment_section_lists_the_persons_placements_newest_first_and_tells_which_are_ongoing()
    {
        var personRef = NewPersonRef();
        var caseId = await CaseAsync(personRef);
        await RecordAsync(caseId, new { type = "arbetstraning", employer = "Ovanåkers kommun, Returen", extentPercent = 25, from = "2025-09-01", to = "2025-12-19" });
        await RecordAsync(caseId, new { type = "lonebidrag", employer = "Edsbyns Lager AB", extentPercent = 75, from = "2026-01-12" });

        var placements = await EmploymentSectionAsync(personRef);

        Assert.Equal(
            ["lonebidrag Edsbyns Lager AB 75 2026-01-12- ongoing", "arbetstraning Ovanåkers kommun, Returen 25 2025-09-01-2025-12-19 ended"],
            placements.Select(Describe));
    }

    [Fact]
    public async Task The_employer_is_stored_without_surrounding_spaces()
    {
        var caseId = await CaseAsync(NewPersonRef());

        await RecordAsync(caseId, new { type = "paid-work", employer = "  Edsbyns Lager AB ", extentPercent = 100, from = "2026-02-01" });

        Assert.Equal("Edsbyns Lager AB", Assert.Single(await PlacementsOnCaseAsync(caseId))!["employer"]!.GetValue<string>());
    }

    public static TheoryData<string, string> InvalidPlacements => new()
    {
        { """{"employer":"ICA","extentPercent":50,"from":"2026-01-12"}""", "type" },
        { """{"type":"subsidised-work","employer":"ICA","extentPercent":50,"from":"2026-01-12"}""", "type" },
        { """{"type":"daily-activity","employer":"ICA","extentPercent":50,"from":"2026-01-12"}""", "type" },
        { """{"type":"praktik","extentPercent":50,"from":"2026-01-12"}""", "employer" },
        { """{"type":"praktik","employer":"   ","extentPercent":50,"from":"2026-01-12"}""", "employer" },
        { $$"""{"type":"praktik","employer":"{{new string('x', 201)}}","extentPercent":50,"from":"2026-01-12"}""", "employer" },
        { """{"type":"praktik","employer":"ICA","from":"2026-01-12"}""", "extentPercent" },
        { """{"type":"praktik","employer":"ICA","extentPercent":0,"from":"2026-01-12"}""", "extentPercent" },
        { """{"type":"praktik","employer":"ICA","extentPercent":101,"from":"2026-01-12"}""", "extentPercent" },
        { """{"type":"praktik","employer":"ICA","extentPercent":"50","from":"2026-01-12"}""", "extentPercent" },
        { """{"type":"praktik","employer":"ICA","extentPercent":50.5,"from":"2026-01-12"}""", "extentPercent" },
        { """{"type":"praktik","employer":"ICA","extentPercent":50}""", "from" },
        { """{"type":"praktik","employer":"ICA","extentPercent":50,"from":"12/01/2026"}""", "from" },
        { """{"type":"praktik","employer":"ICA","extentPercent":50,"from":"2026-01-12","to":"2026-01-11"}""", "to" },
        { """{"type":"praktik","employer":"ICA","extentPercent":50,"from":"2026-01-12","to":"snart"}""", "to" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlacements))]
    public async Task An_invalid_placement_is_refused_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var caseId = await CaseAsync(NewPersonRef());

        var response = await PostRawAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements", json);

        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {content}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.Parse(content)!["errors"]?[field] is JsonArray { Count: > 0 }, $"No error for {field} in {content}");
        Assert.Empty(await PlacementsOnCaseAsync(caseId));
    }

    public static TheoryData<string> Outsiders => [OtherOvanakerCoach.UserId, BollnasCoordinator.UserId];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Someone_who_may_not_see_the_case_is_told_it_does_not_exist_and_nothing_is_stored(string outsider)
    {
        var caseId = await CaseAsync(NewPersonRef());
        var actor = outsider == OtherOvanakerCoach.UserId ? OtherOvanakerCoach : BollnasCoordinator;

        var response = await PostAsync(actor, $"/municipality/ips/cases/{caseId}/placements", Praktik());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await PlacementsOnCaseAsync(caseId));
    }

    [Fact]
    public async Task The_units_coordinator_may_record_a_placement_on_a_coachs_case()
    {
        var caseId = await CaseAsync(NewPersonRef());

        await RecordAsync(caseId, Praktik(), by: DemoActors.OvanakerCoordinator);

        Assert.Single(await PlacementsOnCaseAsync(caseId));
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("queued")]
    public async Task A_case_that_is_not_open_gets_no_placement(string status)
    {
        var caseId = await CaseAsync(NewPersonRef(), status);

        var response = await PostAsync(DemoActors.OvanakerCoordinator, $"/municipality/ips/cases/{caseId}/placements", Praktik());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var client = _factory.ClientWithGrant("municipality", DemoActors.OvanakerCoordinator);
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>($"/municipality/ips/cases/{caseId}", Ct))!["placements"]!.AsArray());
    }

    [Fact]
    public async Task Ending_a_placement_sets_its_end_date_and_once_that_has_passed_it_is_no_longer_ongoing()
    {
        var caseId = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(caseId, Praktik(from: "2025-11-03")))["placementId"]!.GetValue<Guid>();
        var yesterday = Date(SwedishTime.Today(TimeProvider.System).AddDays(-1));

        var response = await PostAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to = yesterday });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"praktik ICA Kvantum Edsbyn 50 2025-11-03-{yesterday} ended", Describe(Assert.Single(await PlacementsOnCaseAsync(caseId))));
    }

    [Fact]
    public async Task An_end_date_ahead_leaves_the_placement_ongoing_until_then()
    {
        var caseId = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(caseId, Praktik(from: "2025-11-03")))["placementId"]!.GetValue<Guid>();
        var nextMonth = Date(SwedishTime.Today(TimeProvider.System).AddMonths(1));

        await PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to = nextMonth });

        Assert.Equal($"praktik ICA Kvantum Edsbyn 50 2025-11-03-{nextMonth} ongoing", Describe(Assert.Single(await PlacementsOnCaseAsync(caseId))));
    }

    [Fact]
    public async Task Ending_a_placement_that_has_already_ended_is_a_conflict_and_keeps_its_end_date()
    {
        var caseId = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(caseId, Praktik(from: "2025-09-01", to: "2025-12-19")))["placementId"]!.GetValue<Guid>();

        var response = await PostAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to = Today });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("2025-12-19", Assert.Single(await PlacementsOnCaseAsync(caseId))!["to"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2025-11-02")]
    [InlineData("idag")]
    [InlineData(null)]
    public async Task An_end_date_that_is_missing_malformed_or_before_the_start_is_refused_and_nothing_changes(string? to)
    {
        var caseId = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(caseId, Praktik(from: "2025-11-03")))["placementId"]!.GetValue<Guid>();

        var response = await PostAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]?["to"]);
        Assert.Null(Assert.Single(await PlacementsOnCaseAsync(caseId))!["to"]);
    }

    [Fact]
    public async Task Ending_a_placement_the_case_does_not_have_is_not_found()
    {
        var caseId = await CaseAsync(NewPersonRef());
        var otherCase = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(otherCase, Praktik()))["placementId"]!.GetValue<Guid>();

        var response = await PostAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to = Today });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(Assert.Single(await PlacementsOnCaseAsync(otherCase))!["to"]);
    }

    [Fact]
    public async Task A_placement_on_a_case_that_has_since_closed_cannot_be_ended()
    {
        var caseId = await CaseAsync(NewPersonRef());
        var placementId = (await RecordAsync(caseId, Praktik()))["placementId"]!.GetValue<Guid>();
        await PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing("praktik", "51-75", "forsorjningsstod", "other-intervention"));

        var response = await PostAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/placements/{placementId}/end", new { to = Today });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null(Assert.Single(await PlacementsOnCaseAsync(caseId))!["to"]);
    }
}
