using System.Text.Json;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.FollowUp;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Testing;
using MassTransit.Testing;

namespace Finsam.Municipality.Tests;

/// <summary>
/// What the IPS unit tells the follow-up service (issue 13, item 1): every enrolment is counted by unit, date, sex and
/// age band; only with an active statistics consent is it linked by a statistics pseudonym with its status at start
/// and end; never a personRef.
/// </summary>
public sealed class FollowUpEventsTests : IAsyncLifetime
{
    private readonly ServiceTestFactory<MunicipalityService> _factory = new();
    private readonly IpsCases _cases;
    private ConsentServiceStub? _consent;
    private bool _statisticsConsent = true;

    public FollowUpEventsTests() => _cases = new IpsCases(_factory);

    public async ValueTask InitializeAsync()
    {
        _consent = await ConsentServiceStub.StartAsync();
        // Sharing is permitted throughout; the statistics consent is what each test sets.
        _consent.AnswerWith(request => request.Purpose != Purposes.Statistics || _statisticsConsent
            ? new ConsentDecision(true, ConsentServiceStub.ConsentId, request.Categories, null)
            : ConsentDecision.Deny(ConsentDecision.NoConsent));
        _factory.Settings["Finsam:Services:consent"] = _consent.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _consent!.DisposeAsync();
    }

    private static object Intake(string occupation = "none") => new
    {
        date = "2026-02-02", sex = "woman", birthYear = 1990, education = "compulsory", lastEmployed = "over-5-years", afRegistered = true, occupation,
        extentBand = "none", incomeSources = Forsorjningsstod, timeInPublicSupport = "over-3-years", wishAndGoal = "Arbete i butik",
    };

    private static readonly string[] Forsorjningsstod = ["forsorjningsstod"];

    private async Task<List<T>> PublishedAsync<T>(int count)
        where T : class
    {
        List<T> messages = [];
        await Eventually.HoldsAsync(() =>
        {
            messages = [.. _factory.Harness.Published.Select<T>().Select(m => m.Context.Message)];
            return messages.Count >= count;
        });
        return messages;
    }

    [Fact]
    public async Task With_a_statistics_consent_the_start_and_end_are_linked_by_one_pseudonym_and_carry_the_status()
    {
        var personRef = IpsCases.NewPersonRef();
        var caseId = await _cases.CaseAsync(personRef);
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing("paid-work", "51-75", "wage", "work"));

        var start = Assert.Single(await PublishedAsync<EnrolmentStarted>(1));
        var end = Assert.Single(await PublishedAsync<EnrolmentEnded>(1));

        Assert.NotNull(start.StatisticsPseudonym);
        Assert.Equal(start.StatisticsPseudonym, end.StatisticsPseudonym);
        Assert.Equal(("ovanaker-ips", "woman", "35-44", "health-care", "none"), (start.UnitId, start.Sex, start.AgeBand, start.Linked!.ReferringParty, start.Linked.Occupation));
        Assert.Equal((new DateOnly(2026, 2, 2), "paid-work", "work"), (end.Linked!.IntakeDate, end.Linked.Outcome, end.Linked.EndReason));
        Assert.DoesNotContain(personRef, JsonSerializer.Serialize(start) + JsonSerializer.Serialize(end), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coach_travels_as_a_key_that_is_the_same_at_start_and_end_and_is_not_their_user_id()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());

        var start = Assert.Single(await PublishedAsync<EnrolmentStarted>(1));
        var end = Assert.Single(await PublishedAsync<EnrolmentEnded>(1));

        Assert.NotNull(start.CoachKey);
        Assert.Equal(start.CoachKey, end.CoachKey);
        Assert.DoesNotContain(DemoActors.OvanakerCoach.UserId, JsonSerializer.Serialize(start) + JsonSerializer.Serialize(end), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_after_closing_goes_out_linked_to_the_enrolment_it_follows_only_with_a_statistics_consent()
    {
        var linkedCase = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{linkedCase}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{linkedCase}/status", FinsamClient.Closing());
        var followUp = new { date = SwedishTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), monthsAfter = 6, occupation = "paid-work", extentBand = "76-100", incomeSources = Wage };
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{linkedCase}/post-closing-follow-ups", followUp);
        _statisticsConsent = false;
        var anonymousCase = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{anonymousCase}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{anonymousCase}/status", FinsamClient.Closing());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{anonymousCase}/post-closing-follow-ups", followUp);

        var end = (await PublishedAsync<EnrolmentEnded>(2)).Single(e => e.StatisticsPseudonym is not null);
        var sent = Assert.Single(await PublishedAsync<EnrolmentFollowedUp>(1));

        Assert.Equal((end.StatisticsPseudonym, end.Linked!.IntakeDate, 6, "paid-work"), (sent.StatisticsPseudonym, sent.IntakeDate, sent.MonthsAfter, sent.Occupation));
    }

    private static readonly string[] Wage = ["wage"];

    [Fact]
    public async Task Without_a_statistics_consent_the_person_is_counted_anonymously_with_nothing_to_link()
    {
        _statisticsConsent = false;
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());

        var start = Assert.Single(await PublishedAsync<EnrolmentStarted>(1));
        var end = Assert.Single(await PublishedAsync<EnrolmentEnded>(1));

        Assert.Equal((null, null, "woman", "35-44"), (start.StatisticsPseudonym, start.Linked, start.Sex, start.AgeBand));
        Assert.Equal((null, null, "woman"), (end.StatisticsPseudonym, end.Linked, end.Sex));
    }

    [Fact]
    public async Task After_the_statistics_consent_is_revoked_later_events_are_not_linked()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());
        _statisticsConsent = false;

        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());

        Assert.NotNull(Assert.Single(await PublishedAsync<EnrolmentStarted>(1)).StatisticsPseudonym);
        Assert.Null(Assert.Single(await PublishedAsync<EnrolmentEnded>(1)).StatisticsPseudonym);
    }

    [Fact]
    public async Task A_corrected_intake_restates_the_same_start_and_a_new_enrolment_after_reopening_is_another()
    {
        var caseId = await _cases.CaseAsync(IpsCases.NewPersonRef());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake("praktik"));
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", FinsamClient.Closing());
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/status", new { status = "active" });
        await _cases.PostOkAsync(DemoActors.OvanakerCoach, $"/municipality/ips/cases/{caseId}/intake", Intake());

        var starts = await PublishedAsync<EnrolmentStarted>(3);

        Assert.Equal(2, starts.Select(s => s.EventId).Distinct().Count());
        Assert.Equal(starts[0].EventId, starts[1].EventId);
    }
}
