using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Finsam.Contracts.Api.FollowUp;
using Finsam.Contracts.FollowUp;
using Finsam.Contracts.Sharing;
using Finsam.Testing;
using MassTransit;

namespace Finsam.FollowUp.Tests;

/// <summary>
/// An intervention's report, written from the events the units sent (issue 13, item 4): a cohort shaped like Ovanåker's
/// Tabell 2 (seed 003) gives its reach and effectiveness; small cells are hidden; anonymous participants count only in
/// the anonymous figures; the same events replayed into an empty database give the same report.
/// </summary>
public sealed class ReportTests : IAsyncLifetime
{
    private const string Intervention = "ovanaker-hallbart-arbetsliv";
    private const string Unit = "ovanaker-ips";
    private readonly ServiceTestFactory<FollowUpService> _factory = new();
    private readonly ConsumeCounter _consumes = new();

    public ValueTask InitializeAsync()
    {
        _factory.Harness.Bus.ConnectConsumeObserver(_consumes);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>
    /// Seed 003, Tabell 2 and Figur 2: 36 enrolled (16 women, 20 men) of a target of 45; referred by AF 1, IFO 22, FK 5 and
    /// health care 8; 24 closed, of whom 17 moved from försörjningsstöd (14) or sjukpenning (3) to employment (12) or
    /// praktik (5); everyone with a statistics consent.
    /// </summary>
    public static List<object> OvanakerCohort()
    {
        var referrers = Enumerable.Repeat("arbetsformedlingen", 1).Concat(Enumerable.Repeat("municipality", 22))
            .Concat(Enumerable.Repeat("forsakringskassan", 5)).Concat(Enumerable.Repeat("health-care", 8)).ToList();
        var events = new List<object>();
        for (var i = 0; i < 36; i++)
        {
            var pseudonym = $"{i:x64}";
            var intake = new DateOnly(2025, 10, 1).AddDays(i * 7);
            var sex = i < 16 ? "woman" : "man";
            var income = i < 14 ? "forsorjningsstod" : i < 17 ? "fk-benefit" : i < 24 ? "a-kassa" : "forsorjningsstod";
            events.Add(new EnrolmentStarted
            {
                EventId = Guid.NewGuid(), UnitId = Unit, IntakeDate = intake, Sex = sex, AgeBand = "25-34", StatisticsPseudonym = pseudonym, CoachKey = $"coach-{i % 6}",
                Linked = new StartDetails(referrers[i], intake.AddDays(-20), "none", "none", [income], "upper-secondary", "1-5-years", true, "1-3-years"),
            });
            if (i < 24)
            {
                // The first 17 moved: 12 to employment (9 paid, 3 with lönebidrag), 5 to praktik. The other 7 did not.
                var outcome = i < 9 ? "paid-work" : i < 12 ? "subsidised-work" : i < 17 ? "praktik" : i < 20 ? "none" : "dropped-out";
                var closed = intake.AddMonths(8);
                events.Add(new EnrolmentEnded
                {
                    EventId = Guid.NewGuid(), UnitId = Unit, ClosedOn = closed, Sex = sex, AgeBand = "25-34", StatisticsPseudonym = pseudonym, CoachKey = $"coach-{i % 6}",
                    Linked = new EndDetails(intake, outcome, outcome is "paid-work" or "subsidised-work" ? "76-100" : "none",
                        outcome == "paid-work" ? ["wage"] : [income], outcome == "paid-work" ? "work" : "other", 10 + i),
                });
            }
        }

        return events;
    }

    private Task DeliverAsync(IEnumerable<object> messages) => DeliverAsync(_factory, _consumes, messages);

    private static async Task DeliverAsync(ServiceTestFactory<FollowUpService> factory, ConsumeCounter consumes, IEnumerable<object> messages)
    {
        var before = consumes.Completed;
        var count = 0;
        foreach (var message in messages)
        {
            await factory.Harness.Bus.Publish(message, TestContext.Current.CancellationToken);
            count++;
        }

        await Eventually.HoldsAsync(() => consumes.Completed >= before + count);
    }

    private static HttpClient Analyst(ServiceTestFactory<FollowUpService> factory, Actor? actor = null) =>
        factory.ClientWithGrant("follow-up", actor ?? DemoActors.Analyst, "statistics");

    private static async Task<FollowUpReport> ReportAsync(ServiceTestFactory<FollowUpService> factory, string query = "?asOf=2026-12-01") =>
        (await Analyst(factory).GetFromJsonAsync<FollowUpReport>($"/follow-up/interventions/{Intervention}/report{query}", TestContext.Current.CancellationToken))!;

    [Fact]
    public async Task A_cohort_shaped_like_Ovanakers_gives_reach_80_and_effectiveness_71_percent()
    {
        await DeliverAsync(OvanakerCohort());

        var report = await ReportAsync(_factory);

        Assert.Equal((36, 24, 12, 45, 80), (report.Participants.Enrolled, report.Participants.Closed, report.Participants.Ongoing, report.Participants.Target, report.Participants.ReachPercent));
        Assert.Equal((24, 17, 71), (report.Effectiveness.Closed, report.Effectiveness.MovedToWorkOrStudies, report.Effectiveness.Percent));
        Assert.Equal((80, 71), (report.ReAim.Reach, report.ReAim.Effectiveness));
        Assert.Equal(16, report.Participants.BySex["woman"]);
        Assert.Equal(20, report.Participants.BySex["man"]);
    }

    [Fact]
    public async Task A_referrer_with_fewer_than_five_is_hidden_with_a_partner_so_neither_follows_from_the_total()
    {
        await DeliverAsync(OvanakerCohort());

        var referrers = (await ReportAsync(_factory)).Referrers;

        Assert.Null(referrers["arbetsformedlingen"]);
        Assert.Equal((8, 22), (referrers["health-care"], referrers["municipality"]));
        Assert.True(referrers.Values.Count(v => v is null) >= 2);
    }

    [Fact]
    public async Task Every_hidden_count_is_null_and_named_in_suppressed_and_no_percentage_is_given_of_one()
    {
        await DeliverAsync(OvanakerCohort());

        var report = await ReportAsync(_factory);

        // Three closed with lönebidrag: hidden, and so is every roll-up that adds it.
        Assert.Null(report.StatusAtEnd.Occupation["subsidised-work"]);
        Assert.Contains("statusAtEnd.occupation.subsidised-work", report.Suppressed);
        Assert.All(report.Rollups.Where(r => r.Codes.Contains("subsidised-work")), r => Assert.Equal((null, null), (r.Count, r.Percent)));
        Assert.All(report.Suppressed, path => Assert.Null(ValueAt(report, path)));
    }

    [Fact]
    public async Task Waiting_and_support_come_in_seed_001s_buckets()
    {
        await DeliverAsync(OvanakerCohort());

        var report = await ReportAsync(_factory);

        Assert.Equal(20, report.WaitingDays.Median);
        Assert.Equal(36, report.WaitingDays.Buckets["0-2m"]);
        Assert.Equal((8.0, 8, 8), (report.SupportMonths.Mean, report.SupportMonths.Min, report.SupportMonths.Max));
        Assert.Equal(24, report.SupportMonths.Buckets["7-12"]);
    }

    [Fact]
    public async Task Six_coaches_with_two_open_enrolments_each_give_a_caseload_of_two_and_all_six_active()
    {
        await DeliverAsync(OvanakerCohort());

        var report = await ReportAsync(_factory);

        Assert.Equal(new CaseloadFigure(6, 2, 2), report.Caseload);
        Assert.Equal(new AdoptionFigure(1, 1, 6), report.ReAim.Adoption);
    }

    [Fact]
    public async Task Follow_ups_after_closing_give_maintenance_from_the_latest_of_each()
    {
        var cohort = OvanakerCohort();
        // Ten of the closed are followed up: seven in work or praktik at 12 months; one was in work at 6 months but not at 12.
        var followUps = cohort.OfType<EnrolmentEnded>().Take(10).SelectMany((end, i) => new[]
        {
            new EnrolmentFollowedUp(Guid.NewGuid(), Unit, end.ClosedOn.AddMonths(6), 6, end.StatisticsPseudonym!, end.Linked!.IntakeDate, "paid-work", "76-100", ["wage"]),
            new EnrolmentFollowedUp(Guid.NewGuid(), Unit, end.ClosedOn.AddMonths(12), 12, end.StatisticsPseudonym!, end.Linked.IntakeDate, i < 7 ? "praktik" : "none", "none", ["forsorjningsstod"]),
        });
        await DeliverAsync(cohort.Concat(followUps));

        var maintenance = (await ReportAsync(_factory, "?asOf=2027-12-31")).ReAim.Maintenance;

        Assert.Equal(new MaintenanceFigure(10, 7, 70), maintenance);
    }

    [Fact]
    public async Task Caseloads_of_fewer_coaches_than_the_threshold_are_not_shown()
    {
        await DeliverAsync(OvanakerCohort().Select(e => e switch
        {
            EnrolmentStarted start => start with { CoachKey = "coach-a" },
            EnrolmentEnded end => end with { CoachKey = "coach-a" },
            _ => e,
        }));

        Assert.Equal(new CaseloadFigure(null, null, null), (await ReportAsync(_factory)).Caseload);
    }

    [Fact]
    public async Task A_participant_without_statistics_consent_counts_as_enrolled_and_anonymous_only()
    {
        var cohort = OvanakerCohort();
        var anonymous = Enumerable.Range(0, 5).Select(i => new EnrolmentStarted
        {
            EventId = Guid.NewGuid(), UnitId = Unit, IntakeDate = new DateOnly(2026, 3, 2).AddDays(i), Sex = "woman", AgeBand = "45-54",
        });
        await DeliverAsync(cohort.Concat(anonymous));

        var report = await ReportAsync(_factory);

        Assert.Equal((41, 5, 21), (report.Participants.Enrolled, report.Participants.Anonymous, report.Participants.BySex["woman"]));
        Assert.Equal(36, report.StatusAtStart.ExtentBands["none"]); // the linked 36 only
        Assert.Equal(5, report.Participants.ByAgeBand["45-54"]);
    }

    [Fact]
    public async Task The_same_events_replayed_in_another_order_into_an_empty_database_give_the_same_report()
    {
        var cohort = OvanakerCohort();
        await DeliverAsync(cohort);
        await using var rebuilt = new ServiceTestFactory<FollowUpService>();
        var consumes = new ConsumeCounter();
        rebuilt.Harness.Bus.ConnectConsumeObserver(consumes);

        await DeliverAsync(rebuilt, consumes, cohort.OrderBy(_ => Random.Shared.Next()));

        Assert.Equal(JsonSerializer.Serialize(await ReportAsync(_factory)), JsonSerializer.Serialize(await ReportAsync(rebuilt)));
    }

    [Fact]
    public async Task The_CSV_gives_every_table_with_hidden_counts_empty_and_marked()
    {
        await DeliverAsync(OvanakerCohort());

        var csv = await Analyst(_factory).GetStringAsync($"/follow-up/interventions/{Intervention}/report?asOf=2026-12-01&format=csv", TestContext.Current.CancellationToken);

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("tabell;kategori;antal;procent;prickad", lines[0]);
        Assert.Contains("participants;enrolled;36;80;", lines);
        Assert.Contains("referrers;arbetsformedlingen;;;ja", lines);
        Assert.Contains("effectiveness;movedToWorkOrStudies;17;71;", lines);
    }

    [Fact]
    public async Task The_CSV_can_be_one_table()
    {
        await DeliverAsync(OvanakerCohort());

        var csv = await Analyst(_factory).GetStringAsync($"/follow-up/interventions/{Intervention}/report?format=csv&table=referrers", TestContext.Current.CancellationToken);

        Assert.All(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.StartsWith("referrers;", line));
    }

    [Fact]
    public async Task The_period_can_be_narrowed_and_ongoing_counts_as_of_its_end()
    {
        await DeliverAsync(OvanakerCohort());

        // Intakes weekly from 2025-10-01: 14 by the end of 2025 (the last on 2025-12-31); closings eight months after.
        var report = await ReportAsync(_factory, "?from=2025-09-01&to=2025-12-31&asOf=2026-12-01");

        Assert.Equal((14, 0, 14), (report.Participants.Enrolled, report.Participants.Closed, report.Participants.Ongoing));
    }

    [Theory]
    [InlineData("?from=2026-13-01")]
    [InlineData("?from=2026-06-01&to=2026-01-01")]
    [InlineData("?format=pdf")]
    [InlineData("?format=csv&table=names")]
    public async Task A_bad_period_or_format_is_a_400(string query)
    {
        var response = await Analyst(_factory).GetAsync($"/follow-up/interventions/{Intervention}/report{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_intervention_of_another_association_is_not_found()
    {
        var other = new Actor("nils.gran", "analyst", "samordningsforbund", "finsam-gavle");

        var report = await Analyst(_factory, other).GetAsync($"/follow-up/interventions/{Intervention}/report", TestContext.Current.CancellationToken);
        var summary = await Analyst(_factory, other).GetAsync("/follow-up/associations/finsam-halsingland/summary", TestContext.Current.CancellationToken);
        var list = await Analyst(_factory, other).GetFromJsonAsync<List<InterventionView>>("/follow-up/interventions", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (report.StatusCode, summary.StatusCode));
        Assert.Empty(list!);
    }

    [Fact]
    public async Task Staff_are_refused_the_reports()
    {
        var response = await _factory.ClientWithGrant("follow-up", DemoActors.OvanakerCoordinator, "statistics")
            .GetAsync($"/follow-up/interventions/{Intervention}/report", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_association_summary_puts_its_interventions_side_by_side_as_seed_004_does()
    {
        await DeliverAsync(OvanakerCohort());

        var summary = await Analyst(_factory).GetFromJsonAsync<AssociationSummary>("/follow-up/associations/finsam-halsingland/summary", TestContext.Current.CancellationToken);

        var ovanaker = summary!.Items.Single(i => i.InterventionId == Intervention);
        Assert.Equal((36, 12, 12), (ovanaker.Participants, ovanaker.Employed, ovanaker.Ongoing));
        Assert.Equal((36, 12, 12), (summary.Total.Participants, summary.Total.Employed, summary.Total.Ongoing));
        Assert.Equal(3, summary.Items.Count);
    }

    /// <summary>The value at a suppressed path (e.g. <c>referrers.arbetsformedlingen</c>, <c>rollups[1].count</c>) in the report as JSON.</summary>
    private static JsonElement? ValueAt(FollowUpReport report, string path)
    {
        var element = JsonSerializer.SerializeToElement(report, JsonSerializerOptions.Web);
        foreach (var part in path.Replace("[", ".[").Split('.'))
        {
            element = part.StartsWith('[') ? element[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : element.GetProperty(part);
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }
}
