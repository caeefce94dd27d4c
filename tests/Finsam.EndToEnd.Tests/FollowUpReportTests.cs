using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.EndToEnd.Tests;

/// <summary>The embedded default with no small-cell threshold, so a test can check every figure of a small cohort.</summary>
public class UnsuppressedFinsamApp : FinsamApp
{
    public UnsuppressedFinsamApp()
    {
    }

    /// <summary>On the databases in <paramref name="dataDirectory"/>, which outlive it: to start the system again on them.</summary>
    protected UnsuppressedFinsamApp(string dataDirectory)
        : base(dataDirectory, ownsData: false)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Finsam:FollowUp:SmallCellThreshold", "1");
    }
}

/// <summary>
/// Use 4 through the gateway (issue 13): a cohort built through the API, referred by several parties, some with a
/// statistics consent and some without, gives every figure of the report from what was recorded.
/// </summary>
public sealed class FollowUpReportTests(UnsuppressedFinsamApp app) : IClassFixture<UnsuppressedFinsamApp>
{
    private const string Intervention = "bollnas-ips";
    private readonly FinsamClient _finsam = new(app.CreateClient);

    /// <summary>Today in Sweden, as the unit dates the referral's arrival: an intake dated before it would not count as waiting.</summary>
    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"))
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Intake(string sex, string income) => new
    {
        date = Today, sex, birthYear = 1990, education = "upper-secondary", lastEmployed = "1-5-years", afRegistered = true,
        occupation = "none", extentBand = "none", incomeSources = new[] { income }, timeInPublicSupport = "1-3-years", wishAndGoal = "Arbete i butik",
    };

    private Task EnrolAsync(string referrer, bool statistics, string sex, string income, object? closing) =>
        EnrolAsync(_finsam, referrer, statistics, sex, income, closing);

    /// <summary>One person through the real flow: consent and referral by <paramref name="referrer"/>, assignment, start, intake, perhaps a closing.</summary>
    internal static async Task EnrolAsync(FinsamClient finsam, string referrer, bool statistics, string sex, string income, object? closing)
    {
        var personRef = await finsam.LookUpAsync(FinsamClient.NewPersonnummer(), referrer);
        await finsam.RecordReferralConsentAsync(personRef, FinsamClient.BollnasIps, referrer);
        await finsam.SubmitReferralAsync(personRef, FinsamClient.BollnasIps, referrer);
        var caseId = await finsam.WaitForQueuedCaseAsync(personRef, FinsamClient.BollnasCoordinator);
        await finsam.PostJsonAsync(FinsamClient.BollnasCoordinator, $"/api/ips/cases/{caseId}/assign", new { coachUserId = FinsamClient.BollnasCoach }, HttpStatusCode.OK);
        await finsam.PostJsonAsync(FinsamClient.BollnasCoach, $"/api/ips/cases/{caseId}/status", new { status = "active" }, HttpStatusCode.OK);
        if (statistics)
        {
            await finsam.PostJsonAsync(FinsamClient.BollnasCoach, "/api/consents", new
            {
                personRef, kind = "statistics", purpose = "statistics", method = "written", documentRef = "Undertecknad blankett i IPS-akten",
                validUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                provisions = Array.Empty<object>(),
            }, HttpStatusCode.Created);
        }

        await finsam.PostJsonAsync(FinsamClient.BollnasCoach, $"/api/ips/cases/{caseId}/intake", Intake(sex, income), HttpStatusCode.OK);
        if (closing is not null)
        {
            await finsam.PostJsonAsync(FinsamClient.BollnasCoach, $"/api/ips/cases/{caseId}/status", closing, HttpStatusCode.OK);
        }
    }

    private async Task<JsonNode> ReportAsync(Func<JsonNode, bool> done) => await FinsamClient.EventuallyAsync(async () =>
    {
        var report = await _finsam.GetJsonAsync(FinsamClient.Analyst, $"/api/follow-up/interventions/{Intervention}/report");
        return done(report) ? report : null;
    });

    [Fact]
    public async Task A_cohort_built_through_the_api_gives_every_figure_of_the_report()
    {
        await EnrolAsync(FinsamClient.Clinician, statistics: true, "woman", "forsorjningsstod", FinsamClient.Closing("paid-work"));
        await EnrolAsync(FinsamClient.SocialWorker, statistics: true, "man", "forsorjningsstod", FinsamClient.Closing("praktik", "26-50", "forsorjningsstod", "other"));
        await EnrolAsync(FinsamClient.AfOfficer, statistics: true, "man", "a-kassa", FinsamClient.Closing("dropped-out", "none", "a-kassa", "no-contact"));
        await EnrolAsync(FinsamClient.FkOfficer, statistics: true, "woman", "fk-benefit", closing: null);
        await EnrolAsync(FinsamClient.Clinician, statistics: false, "woman", "forsorjningsstod", FinsamClient.Closing("paid-work"));
        await EnrolAsync(FinsamClient.SocialWorker, statistics: false, "man", "forsorjningsstod", closing: null);

        var report = await ReportAsync(r => r["participants"]!["enrolled"]!.GetValue<int>() == 6 && r["participants"]!["closed"]!.GetValue<int>() == 4);

        var participants = report["participants"]!;
        Assert.Equal((6, 4, 2, 1, 2, 30, 20), (participants["enrolled"]!.GetValue<int>(), participants["closed"]!.GetValue<int>(),
            participants["ongoing"]!.GetValue<int>(), participants["droppedOut"]!.GetValue<int>(), participants["anonymous"]!.GetValue<int>(),
            participants["target"]!.GetValue<int>(), participants["reachPercent"]!.GetValue<int>()));
        Assert.Equal((3, 3), (participants["bySex"]!["woman"]!.GetValue<int>(), participants["bySex"]!["man"]!.GetValue<int>()));
        Assert.Equal("""{"health-care":1,"municipality":1,"arbetsformedlingen":1,"forsakringskassan":1,"self":0}""", report["referrers"]!.ToJsonString());
        Assert.Equal(4, report["statusAtStart"]!["occupation"]!["none"]!.GetValue<int>());
        Assert.Equal((2, 1, 1), (report["statusAtStart"]!["incomeSources"]!["forsorjningsstod"]!.GetValue<int>(),
            report["statusAtStart"]!["incomeSources"]!["a-kassa"]!.GetValue<int>(), report["statusAtStart"]!["incomeSources"]!["fk-benefit"]!.GetValue<int>()));
        Assert.Equal((1, 1, 1), (report["statusAtEnd"]!["occupation"]!["paid-work"]!.GetValue<int>(),
            report["statusAtEnd"]!["occupation"]!["praktik"]!.GetValue<int>(), report["statusAtEnd"]!["occupation"]!["dropped-out"]!.GetValue<int>()));
        // Of the three linked closings, the two from försörjningsstöd to work or praktik moved; the dropped-out did not.
        Assert.Equal("""{"closed":3,"movedToWorkOrStudies":2,"percent":67}""", report["effectiveness"]!.ToJsonString());
        Assert.Equal((1, 2), (report["rollups"]![0]!["count"]!.GetValue<int>(), report["rollups"]![2]!["count"]!.GetValue<int>()));
        Assert.Equal(4, report["waitingDays"]!["buckets"]!["0-2m"]!.GetValue<int>());
        Assert.Equal(3, report["supportMonths"]!["buckets"]!["0-6"]!.GetValue<int>());
        Assert.Equal("""{"unitsActive":1,"units":1,"coachesActive":1}""", report["reAim"]!["adoption"]!.ToJsonString());
        Assert.Equal("""{"coaches":1,"mean":2,"max":2}""", report["caseload"]!.ToJsonString());
        Assert.Empty(report["suppressed"]!.AsArray());
    }
}

/// <summary>The same, on databases that outlive it, to start the system again on them.</summary>
public sealed class RestartableFinsamApp(string dataDirectory) : UnsuppressedFinsamApp(dataDirectory);

/// <summary>
/// The follow-up service's database is a projection of the units' events: emptied and rebuilt from the same events
/// replayed (the embedded default resends its outboxes' recent messages at start-up), it gives the same report.
/// </summary>
public sealed class FollowUpRebuildTests
{
    [Fact]
    public async Task A_follow_up_database_rebuilt_from_replayed_events_gives_the_same_report()
    {
        var folder = Path.Combine(Path.GetTempPath(), "finsam-e2e-rebuild-" + Guid.NewGuid().ToString("N"));
        const string Report = "/api/follow-up/interventions/bollnas-ips/report";
        try
        {
            string before;
            await using (var first = new RestartableFinsamApp(folder))
            {
                var finsam = new FinsamClient(first.CreateClient);
                await FollowUpReportTests.EnrolAsync(finsam, FinsamClient.Clinician, statistics: true, "woman", "forsorjningsstod", FinsamClient.Closing("paid-work"));
                await FollowUpReportTests.EnrolAsync(finsam, FinsamClient.AfOfficer, statistics: true, "man", "a-kassa", closing: null);
                await FollowUpReportTests.EnrolAsync(finsam, FinsamClient.SocialWorker, statistics: false, "woman", "forsorjningsstod", FinsamClient.Closing("praktik", "26-50", "forsorjningsstod", "other"));
                before = (await FinsamClient.EventuallyAsync(async () =>
                {
                    var report = await finsam.GetJsonAsync(FinsamClient.Analyst, Report);
                    return report["participants"]!["enrolled"]!.GetValue<int>() == 3 && report["participants"]!["closed"]!.GetValue<int>() == 2 ? report : null;
                })).ToJsonString();
            }

            foreach (var file in Directory.GetFiles(folder, "follow-up.db*"))
            {
                File.Delete(file);
            }

            await using var second = new RestartableFinsamApp(folder);
            var again = new FinsamClient(second.CreateClient);
            var rebuilt = await FinsamClient.EventuallyAsync(async () =>
            {
                var report = (await again.GetJsonAsync(FinsamClient.Analyst, Report)).ToJsonString();
                return report == before ? report : null;
            });
            Assert.Equal(before, rebuilt);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold a file for a moment; the folder is in the temp directory.
            }
        }
    }
}

/// <summary>Who reads the follow-up (issue 13, item 3): analysts, their own association's, and nothing with personal data.</summary>
public sealed class AnalystAccessTests(FinsamApp app) : IClassFixture<FinsamApp>
{
    private readonly FinsamClient _finsam = new(app.CreateClient);

    [Fact]
    public async Task The_analyst_sees_their_associations_interventions()
    {
        var interventions = (await _finsam.GetJsonAsync(FinsamClient.Analyst, "/api/follow-up/interventions")).AsArray();

        Assert.Contains(interventions, i => i!["interventionId"]!.GetValue<string>() == "ovanaker-hallbart-arbetsliv" && i["targetParticipants"]!.GetValue<int>() == 45);
        Assert.All(interventions, i => Assert.Equal(FinsamClient.Association, i!["association"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_analyst_of_another_association_gets_404_for_an_intervention_and_a_summary_that_are_not_theirs()
    {
        var report = await _finsam.SendAsync(FinsamClient.OtherAssociationsAnalyst, HttpMethod.Get, "/api/follow-up/interventions/ovanaker-hallbart-arbetsliv/report");
        var summary = await _finsam.SendAsync(FinsamClient.OtherAssociationsAnalyst, HttpMethod.Get, $"/api/follow-up/associations/{FinsamClient.Association}/summary");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (report.StatusCode, summary.StatusCode));
        Assert.Empty((await _finsam.GetJsonAsync(FinsamClient.OtherAssociationsAnalyst, "/api/follow-up/interventions")).AsArray());
    }

    [Theory]
    [InlineData(FinsamClient.OvanakerCoordinator)]
    [InlineData(FinsamClient.Clinician)]
    [InlineData(FinsamClient.JointAuditor)]
    public async Task Staff_get_403_on_the_follow_up_routes(string userId)
    {
        var response = await _finsam.SendAsync(userId, HttpMethod.Get, "/api/follow-up/interventions");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_analyst_gets_403_on_every_other_route_and_each_refusal_is_recorded()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null) // the checkpoint is for anyone
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal)
                        && !raw.StartsWith("/api/follow-up", StringComparison.Ordinal) && !raw.StartsWith("/api/reference", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, e.RoutePattern.RawText!)))
            .Distinct().ToList();
        Assert.NotEmpty(routes);

        foreach (var (method, route) in routes)
        {
            var response = await _finsam.SendAsync(FinsamClient.Analyst, new HttpMethod(method), Concrete(route), method == "GET" ? null : new { });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {route}: {(int)response.StatusCode}");
        }

        await FinsamClient.EventuallyAsync(async () =>
        {
            var denials = (await _finsam.GetJsonAsync(FinsamClient.JointAuditor, $"/api/audit/records?userId={FinsamClient.Analyst}&outcome=denied&limit=500"))["items"]!.AsArray();
            var refused = denials.Select(d => d!["reason"]!.GetValue<string>()).ToHashSet();
            return routes.All(r => refused.Contains($"role-not-permitted: {r.method} {r.Item2}")) ? refused : null;
        });
    }

    /// <summary>A path for a route template: each parameter given a value its constraint accepts.</summary>
    private static string Concrete(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{([^}:]+)(:[^}]+)?}",
        m => m.Groups[2].Value == ":guid" ? Guid.NewGuid().ToString() : "x");
}
