using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>
/// The enrolment from intake to outcome (issue 12): the status at start, the planned end and its extensions, the
/// employer contacts and the days to the first, the status at end that closing requires, and the coordinator's review
/// list and caseload. The clock is a fake one the tests move, so "60 days without activity" is a state, not a wait.
/// </summary>
public sealed class EnrolmentTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServiceTestFactory<MunicipalityService> _factory = new();
    private readonly IpsCases _cases;
    private PermittingConsentService? _consent;

    public EnrolmentTests()
    {
        _cases = new IpsCases(_factory);
        _factory.TestServices = services => services.AddSingleton<TimeProvider>(_clock);
        _factory.Settings["Finsam:Municipality:Ips:CaseloadLimit"] = "2";
    }

    private static Actor Coach => DemoActors.OvanakerCoach;

    private DateOnly Today => SwedishTime.Today(_clock);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private static Dictionary<string, object?> Intake(string date, string? plannedEnd = null) => new()
    {
        ["date"] = date, ["sex"] = "woman", ["birthYear"] = 1984, ["education"] = "upper-secondary", ["lastEmployed"] = "1-5-years",
        ["afRegistered"] = true, ["occupation"] = "none", ["extentBand"] = "none", ["incomeSources"] = new[] { "forsorjningsstod", "fk-benefit" },
        ["timeInPublicSupport"] = "1-3-years", ["wishAndGoal"] = "Arbeta i butik, först halvtid.", ["plannedEnd"] = plannedEnd,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string field, object? value)
    {
        body[field] = value;
        return body;
    }

    private Task<JsonObject> RecordIntakeAsync(Guid caseId, object body) => _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/intake", body);

    private Task<JsonObject> ContactAsync(Guid caseId, DateOnly date, string employer = "ICA Kvantum Edsbyn") =>
        _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/employer-contacts", new { date = Text(date), employer, kind = "visit" });

    /// <summary>The coordinator's review list, asked with a grant signed by the clock as it is now.</summary>
    private async Task<JsonArray> ReviewsAsync()
    {
        using var coordinator = _cases.As(DemoActors.OvanakerCoordinator);
        return (await coordinator.GetFromJsonAsync<JsonArray>("/municipality/ips/reviews", TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task An_intake_stores_every_field_and_plans_the_end_a_year_after_it()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());

        var recorded = await RecordIntakeAsync(caseId, Intake("2026-02-27"));

        var intake = recorded["intake"]!;
        Assert.Equal(
            "2026-02-27 woman 1984 upper-secondary 1-5-years True none none forsorjningsstod,fk-benefit 1-3-years Arbeta i butik, först halvtid. erik.holm",
            string.Join(' ', intake["date"], intake["sex"], intake["birthYear"], intake["education"], intake["lastEmployed"], intake["afRegistered"]!.GetValue<bool>(),
                intake["occupation"], intake["extentBand"], string.Join(',', intake["incomeSources"]!.AsArray()), intake["timeInPublicSupport"],
                intake["wishAndGoal"], intake["recordedBy"]));
        Assert.Equal("2027-02-27", (await _cases.GetCaseAsync(caseId))["plannedEnd"]!.GetValue<string>());
    }

    private static readonly string[] UnknownIncomeSource = ["wage", "lottery"];

    public static TheoryData<string, object?, string> BadIntakes => new()
    {
        { "sex", "female", "sex" },
        { "occupation", "dropped-out", "occupation" },
        { "incomeSources", UnknownIncomeSource, "incomeSources" },
        { "incomeSources", Array.Empty<string>(), "incomeSources" },
        { "extentBand", "50", "extentBand" },
        { "birthYear", DateTime.UtcNow.Year + 1, "birthYear" },
        { "plannedEnd", "2026-02-01", "plannedEnd" },
        { "date", "27/02/2026", "date" },
        { "wishAndGoal", " ", "wishAndGoal" },
    };

    [Theory]
    [MemberData(nameof(BadIntakes))]
    public async Task An_intake_with_a_bad_field_is_refused_and_stores_nothing(string field, object? value, string error)
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());

        var response = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/intake", With(Intake("2026-02-27"), field, value));

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, error);
        var stored = await _cases.GetCaseAsync(caseId);
        Assert.Null(stored["intake"]);
        Assert.Null(stored["plannedEnd"]);
    }

    [Fact]
    public async Task An_intake_for_another_units_case_is_not_found_and_stores_nothing()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());

        var response = await _cases.PostAsync(DemoActors.BollnasCoordinator, $"/municipality/ips/cases/{caseId}/intake", Intake("2026-02-27"));

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Null((await _cases.GetCaseAsync(caseId))["intake"]);
    }

    [Fact]
    public async Task An_intake_or_an_employer_contact_on_a_closed_case_is_a_conflict_and_stores_nothing()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef(), "closed");

        var intake = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/intake", Intake("2026-02-27"));
        var contact = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/employer-contacts", new { date = "2026-03-02", employer = "Coop Edsbyn", kind = "visit" });

        await IpsCases.AssertProblemAsync(intake, HttpStatusCode.Conflict);
        await IpsCases.AssertProblemAsync(contact, HttpStatusCode.Conflict);
        var stored = await _cases.GetCaseAsync(caseId);
        Assert.Equal((0, 0), (stored["intake"] is null ? 0 : 1, stored["employerContacts"]!.AsArray().Count));
    }

    [Fact]
    public async Task Closing_without_the_end_status_is_refused_and_the_case_stays_open()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());

        var response = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/status", new { status = "closed", outcome = "paid-work" });

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, "endStatus");
        Assert.Equal("active", (await _cases.GetCaseAsync(caseId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_closed_case_shows_its_status_at_start_and_at_end_side_by_side()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-02-27"));

        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing("subsidised-work", "51-75", "subsidised-wage", "work"));

        var closed = await _cases.GetCaseAsync(caseId);
        Assert.Equal(("none", "subsidised-work", "51-75", "subsidised-wage", "work"), (
            closed["intake"]!["occupation"]!.GetValue<string>(), closed["endStatus"]!["outcome"]!.GetValue<string>(),
            closed["endStatus"]!["extentBand"]!.GetValue<string>(), closed["endStatus"]!["incomeSources"]![0]!.GetValue<string>(),
            closed["endStatus"]!["endReason"]!.GetValue<string>()));
    }

    private static object FollowUp(string date, int monthsAfter = 6, string occupation = "paid-work") =>
        new { date, monthsAfter, occupation, extentBand = "51-75", incomeSources = new[] { "wage" } };

    [Fact]
    public async Task A_follow_up_after_closing_is_kept_on_the_closed_case()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake(Text(Today.AddMonths(-10))));
        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());
        _clock.Advance(TimeSpan.FromDays(183));

        var detail = await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/post-closing-follow-ups", FollowUp(Text(Today), 6, "praktik"));

        var followUp = Assert.Single(detail["postClosingFollowUps"]!.AsArray())!;
        Assert.Equal((6, "praktik", Text(Today)), (followUp["monthsAfter"]!.GetValue<int>(), followUp["occupation"]!.GetValue<string>(), followUp["date"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_follow_up_after_closing_on_an_open_case_is_a_conflict_and_stores_nothing()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());

        var response = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/post-closing-follow-ups", FollowUp(Text(Today)));

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Empty((await _cases.GetCaseAsync(caseId))["postClosingFollowUps"]!.AsArray());
    }

    [Theory]
    [InlineData(3, "paid-work", 0, "monthsAfter")]
    [InlineData(6, "dropped-out", 0, "occupation")]
    [InlineData(6, "paid-work", 1, "date")]
    [InlineData(6, "paid-work", -400, "date")]
    public async Task A_follow_up_after_closing_with_a_bad_field_is_refused_and_stores_nothing(int monthsAfter, string occupation, int daysFromToday, string field)
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake(Text(Today.AddMonths(-10))));
        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());

        var response = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/post-closing-follow-ups", FollowUp(Text(Today.AddDays(daysFromToday)), monthsAfter, occupation));

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty((await _cases.GetCaseAsync(caseId))["postClosingFollowUps"]!.AsArray());
    }

    [Fact]
    public async Task Reopening_keeps_the_earlier_start_and_end_beside_the_new_ones()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-02-27"));
        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing("none", "none", "forsorjningsstod", "no-contact"));
        _clock.Advance(TimeSpan.FromDays(40));

        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", new { status = "active", reason = "Hörde av sig igen" });
        await RecordIntakeAsync(caseId, With(Intake("2026-04-08"), "occupation", "praktik"));
        await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());

        var periods = (await _cases.GetCaseAsync(caseId))["closedPeriods"]!.AsArray();
        Assert.Equal(
            ["2026-02-27 none -> none no-contact", "2026-04-08 praktik -> paid-work work"],
            periods.Select(p => $"{p!["start"]!["date"]} {p["start"]!["occupation"]} -> {p["end"]!["outcome"]} {p["end"]!["endReason"]}"));
    }

    public static TheoryData<string, string, int> CalendarSpans => new()
    {
        { "2026-01-30", "2026-03-02", 31 }, // over the end of a short February
        { "2026-03-27", "2026-03-30", 3 },  // over the night clocks go forward (29 March 2026): 71 hours, three days
        { "2025-10-24", "2025-10-27", 3 },  // over the night clocks go back (26 October 2025): 73 hours, three days
        { "2025-12-30", "2026-01-02", 3 },  // over a year end
        { "2026-02-02", "2026-02-02", 0 },  // the same day
    };

    [Theory]
    [MemberData(nameof(CalendarSpans))]
    public async Task Days_to_the_first_employer_contact_count_swedish_calendar_days(string intakeDate, string contactDate, int days)
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake(intakeDate));

        await ContactAsync(caseId, DateOnly.ParseExact(contactDate, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(days, (await _cases.GetCaseAsync(caseId))["daysToFirstEmployerContact"]!.GetValue<int>());
    }

    [Fact]
    public async Task Days_to_the_first_employer_contact_count_from_the_earliest_contact_whenever_it_was_recorded()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-01-05"));
        Assert.Null((await _cases.GetCaseAsync(caseId))["daysToFirstEmployerContact"]);

        await ContactAsync(caseId, new DateOnly(2026, 2, 20));
        await ContactAsync(caseId, new DateOnly(2026, 1, 26), "Edsbyns Lager AB");

        Assert.Equal(21, (await _cases.GetCaseAsync(caseId))["daysToFirstEmployerContact"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_units_case_list_shows_the_days_to_the_first_employer_contact()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-01-05"));
        await ContactAsync(caseId, new DateOnly(2026, 1, 26));

        using var coordinator = _cases.As(DemoActors.OvanakerCoordinator);
        var cases = (await coordinator.GetFromJsonAsync<JsonArray>("/municipality/ips/cases", TestContext.Current.CancellationToken))!;

        Assert.Equal(21, cases.Single(c => c!["caseId"]!.GetValue<Guid>() == caseId)!["daysToFirstEmployerContact"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_extension_moves_the_planned_end_and_keeps_the_reason_and_the_earlier_end()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-02-27"));

        var extended = await _cases.PostOkAsync(Coach, $"/municipality/ips/cases/{caseId}/extend", new { until = "2027-08-31", reason = "Nyss börjat på lönebidrag." });

        var extension = Assert.Single(extended["extensions"]!.AsArray())!;
        Assert.Equal(("2027-08-31", "2027-02-27", "2027-08-31", "Nyss börjat på lönebidrag."), (
            extended["plannedEnd"]!.GetValue<string>(), extension["from"]!.GetValue<string>(), extension["until"]!.GetValue<string>(), extension["reason"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2027-02-27", "Tar längre tid.", "until")]
    [InlineData("2027-01-01", "Tar längre tid.", "until")]
    [InlineData("2027-08-31", "", "reason")]
    public async Task An_extension_not_past_the_planned_end_or_without_a_reason_is_refused_and_changes_nothing(string until, string reason, string error)
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake("2026-02-27"));

        var response = await _cases.PostAsync(Coach, $"/municipality/ips/cases/{caseId}/extend", new { until, reason });

        await IpsCases.AssertProblemAsync(response, HttpStatusCode.BadRequest, error);
        var stored = await _cases.GetCaseAsync(caseId);
        Assert.Equal("2027-02-27", stored["plannedEnd"]!.GetValue<string>());
        Assert.Empty(stored["extensions"]!.AsArray());
    }

    [Fact]
    public async Task The_review_list_shows_exactly_the_open_cases_without_activity_past_the_threshold()
    {
        var quiet = await _cases.CaseAsync(IpsCases.NewPersonRef());
        var closed = await _cases.CaseAsync(IpsCases.NewPersonRef(), "closed");
        _clock.Advance(TimeSpan.FromDays(30));
        var busy = await _cases.CaseAsync(IpsCases.NewPersonRef());
        var touched = await _cases.CaseAsync(IpsCases.NewPersonRef());
        _clock.Advance(TimeSpan.FromDays(29));
        await ContactAsync(touched, Today);

        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // quiet: 60 days and a minute; busy: 30 days

        var reviews = await ReviewsAsync();
        Assert.Equal([(quiet, "inactive")], reviews.Select(r => (r!["caseId"]!.GetValue<Guid>(), r["reason"]!.GetValue<string>())));
        Assert.DoesNotContain(reviews, r => new[] { busy, touched, closed }.Contains(r!["caseId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_case_past_its_planned_end_is_listed_for_the_coordinator_from_the_day_after()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await RecordIntakeAsync(caseId, Intake(Text(Today.AddDays(-10)), plannedEnd: Text(Today.AddDays(1))));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await ReviewsAsync());

        _clock.Advance(TimeSpan.FromDays(1));

        var review = Assert.Single(await ReviewsAsync())!;
        Assert.Equal((caseId, "past-planned-end"), (review["caseId"]!.GetValue<Guid>(), review["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_assignment_past_the_caseload_limit_is_made_with_a_warning()
    {
        await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.CaseAsync(IpsCases.NewPersonRef());
        var third = await _cases.CaseAsync(IpsCases.NewPersonRef(), "queued");

        var assigned = await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, $"/municipality/ips/cases/{third}/assign", new { coachUserId = Coach.UserId });

        Assert.Equal("assigned", assigned["status"]!.GetValue<string>());
        Assert.Contains("3 pågående ärenden, fler än 2", assigned["warning"]!.GetValue<string>(), StringComparison.Ordinal);
        using var coordinator = _cases.As(DemoActors.OvanakerCoordinator);
        var caseload = (await coordinator.GetFromJsonAsync<JsonArray>("/municipality/ips/caseload", TestContext.Current.CancellationToken))!;
        var erik = caseload.Single(c => c!["coachUserId"]!.GetValue<string>() == Coach.UserId)!;
        Assert.Equal((3, 2), (erik["openCases"]!.GetValue<int>(), erik["limit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_assignment_within_the_caseload_limit_carries_no_warning()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef(), "queued");

        var assigned = await _cases.PostOkAsync(DemoActors.OvanakerCoordinator, $"/municipality/ips/cases/{caseId}/assign", new { coachUserId = Coach.UserId });

        Assert.Null(assigned["warning"]);
    }
}
