using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.Municipality.Ips.Fidelity;
using Finsam.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>
/// IPS fidelity reviews (issue 13, item 7): 25 items scored 1–5, a total of 25–125 and its band, earlier reviews kept
/// beside the new, and the scores Finsam suggests from what the unit recorded.
/// </summary>
public sealed class FidelityTests : IAsyncLifetime
{
    private readonly ServiceTestFactory<MunicipalityService> _factory = new();
    private readonly IpsCases _cases;
    private PermittingConsentService? _consent;

    public FidelityTests() => _cases = new IpsCases(_factory);

    private static readonly string[] NoIncome = ["none"];

    private const string Reviews = "/municipality/ips/units/ovanaker-ips/fidelity-reviews";

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

    /// <summary>A review whose items add up to <paramref name="total"/>: every item 1, then points added from item 1 on, at most 5 each.</summary>
    private static object ReviewTotalling(int total, string date = "2026-11-12")
    {
        var scores = Enumerable.Repeat(1, FidelityScale.Items).ToArray();
        for (var left = total - FidelityScale.Items; left > 0; left--)
        {
            scores[Array.FindIndex(scores, s => s < FidelityScale.MaxScore)]++;
        }

        return new { date, reviewers = new[] { "Anna Svensson, Finsam Hälsingland", "Olle Ek, Region Gävleborg" }, items = scores.Select((score, i) => new { item = i + 1, score }).ToArray() };
    }

    private async Task<JsonArray> ListAsync(Actor? by = null)
    {
        using var client = _cases.As(by ?? DemoActors.OvanakerCoach);
        return (await client.GetFromJsonAsync<JsonArray>(Reviews, TestContext.Current.CancellationToken))!;
    }

    [Theory]
    [InlineData(25, "not-ips")]
    [InlineData(73, "not-ips")]
    [InlineData(74, "fair")]
    [InlineData(99, "fair")]
    [InlineData(100, "good")]
    [InlineData(114, "good")]
    [InlineData(115, "exemplary")]
    [InlineData(125, "exemplary")]
    public async Task A_review_is_totalled_and_banded_at_the_band_edges(int total, string band)
    {
        var recorded = await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, Reviews, ReviewTotalling(total));

        Assert.Equal((total, band), (recorded["total"]!.GetValue<int>(), recorded["band"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task An_item_scored_outside_one_to_five_is_refused_and_nothing_is_stored(int score)
    {
        var review = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ReviewTotalling(80)))!;
        review["items"]![7]!["score"] = score;

        var response = await _cases.PostAsync(DemoActors.OvanakerCoordinator, Reviews, review);

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, "items[7].score");
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task A_review_missing_an_item_or_scoring_one_twice_is_refused()
    {
        var review = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ReviewTotalling(80)))!;
        review["items"]![24]!["item"] = 1;

        var response = await _cases.PostAsync(DemoActors.OvanakerCoordinator, Reviews, review);

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, "items");
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Earlier_reviews_stay_beside_the_new_one_newest_first()
    {
        await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, Reviews, ReviewTotalling(88, "2025-11-10"));
        await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, Reviews, ReviewTotalling(104, "2026-11-12"));

        var reviews = await ListAsync();

        Assert.Equal(["2026-11-12 104 good", "2025-11-10 88 fair"], reviews.Select(r => $"{r!["date"]} {r["total"]} {r["band"]}"));
        Assert.Equal(FidelityScale.Items, reviews[0]!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Another_units_reviews_are_not_found_and_a_coach_records_none()
    {
        using var bollnas = _cases.As(DemoActors.BollnasCoordinator);
        var other = await bollnas.GetAsync(Reviews, TestContext.Current.CancellationToken);
        var byCoach = await _cases.PostAsync(DemoActors.OvanakerCoach, Reviews, ReviewTotalling(80));

        await IpsCases.AssertProblemAsync(other, HttpStatusCode.NotFound);
        await IpsCases.AssertProblemAsync(byCoach, HttpStatusCode.Forbidden);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task The_suggested_scores_come_from_the_units_caseload_declined_referrals_and_days_to_the_first_employer_contact()
    {
        var started = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.CaseAsync(IpsCases.NewPersonRef());
        var declined = await _cases.CaseAsync(IpsCases.NewPersonRef(), "queued");
        await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, $"/municipality/ips/cases/{declined}/decline", new { reason = "Bor i en annan kommun" });
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{started}/intake", new
        {
            date = "2026-01-05", sex = "man", birthYear = 1990, education = "unknown", lastEmployed = "never", afRegistered = false, occupation = "none",
            extentBand = "none", incomeSources = NoIncome, timeInPublicSupport = "unknown", wishAndGoal = "Arbete",
        });
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{started}/employer-contacts", new { date = "2026-03-16", employer = "Coop", kind = "visit" });

        using var coordinator = _cases.As(DemoActors.OvanakerCoordinator);
        var suggested = (await coordinator.GetFromJsonAsync<JsonArray>($"{Reviews}/suggested", TestContext.Current.CancellationToken))!;

        // Two open cases on two coaches; one of three received declined; 70 days to the first contact.
        Assert.Equal(["1:5", "9:1", "15:3"], suggested.Select(s => $"{s!["item"]}:{s["score"]}"));
    }

    [Theory]
    [InlineData(20.0, 5)]
    [InlineData(20.5, 4)]
    [InlineData(25.0, 4)]
    [InlineData(30.0, 3)]
    [InlineData(40.0, 2)]
    [InlineData(41.0, 1)]
    public void The_caseload_suggestion_follows_the_scales_anchors(double perCoach, int score) =>
        Assert.Equal(score, FidelitySuggestions.CaseloadScore(perCoach));

    [Theory]
    [InlineData(30.0, 5)]
    [InlineData(31.0, 4)]
    [InlineData(60.0, 4)]
    [InlineData(150.0, 3)]
    [InlineData(270.0, 2)]
    [InlineData(271.0, 1)]
    public void The_rapid_search_suggestion_follows_the_scales_anchors(double days, int score) =>
        Assert.Equal(score, FidelitySuggestions.RapidSearchScore(days));
}
