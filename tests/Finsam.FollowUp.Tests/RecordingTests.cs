using Finsam.Contracts.FollowUp;
using Finsam.ServiceDefaults.Data;
using Finsam.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Finsam.FollowUp.Tests;

/// <summary>
/// The follow-up service keeps what the IPS units tell it, de-identified: anonymous counts for everyone, the status
/// at start and end for participants with a statistics consent, a corrected start in place of the earlier one.
/// </summary>
public sealed class RecordingTests : IAsyncLifetime
{
    private const string Pseudonym = "9f2c1a7e5b3d4c6f8a0e2d4b6c8a0f1e3d5b7c9a1e3f5d7b9c1a3e5f7d9b1c3a";
    private readonly ServiceTestFactory<FollowUpService> _factory = new();
    private readonly ConsumeCounter _consumes = new();

    public ValueTask InitializeAsync()
    {
        _factory.Harness.Bus.ConnectConsumeObserver(_consumes);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static EnrolmentStarted Start(Guid eventId, string? pseudonym = Pseudonym, string occupation = "none") => new()
    {
        EventId = eventId, UnitId = "ovanaker-ips", IntakeDate = new DateOnly(2026, 2, 2), Sex = "woman", AgeBand = "35-44", StatisticsPseudonym = pseudonym,
        Linked = pseudonym is null ? null : new StartDetails("municipality", new DateOnly(2026, 1, 12), occupation, "none", ["forsorjningsstod"], "compulsory", "over-5-years", true, "over-3-years"),
    };

    private async Task DeliverAsync(params object[] messages)
    {
        var before = _consumes.Completed;
        foreach (var message in messages)
        {
            await _factory.Harness.Bus.Publish(message, TestContext.Current.CancellationToken);
        }

        await Eventually.HoldsAsync(() => _consumes.Completed >= before + messages.Length);
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var session = await _factory.Services.GetRequiredService<ServiceDatabase<FollowUpService>>().ConnectAsync(TestContext.Current.CancellationToken);
        return [.. await session.QueryAsync<T>(sql)];
    }

    private Task<List<StartRow>> StartsAsync() => QueryAsync<StartRow>(
        """
        SELECT unit_id AS UnitId, intake_date AS IntakeDate, sex, age_band AS AgeBand, pseudonym, referring_party AS ReferringParty, occupation,
               income_sources AS IncomeSources
        FROM enrolment_starts
        """);

    private sealed record StartRow(string UnitId, string IntakeDate, string Sex, string AgeBand, string? Pseudonym, string? ReferringParty, string? Occupation, string? IncomeSources);

    private sealed record EndRow(string ClosedOn, string IntakeDate, string Outcome, string EndReason, long Days);

    [Fact]
    public async Task A_linked_start_and_end_are_kept_with_their_status_and_pseudonym()
    {
        await DeliverAsync(
            Start(Guid.NewGuid()),
            new EnrolmentEnded
            {
                EventId = Guid.NewGuid(), UnitId = "ovanaker-ips", ClosedOn = new DateOnly(2026, 9, 30), Sex = "woman", AgeBand = "35-44", StatisticsPseudonym = Pseudonym,
                Linked = new EndDetails(new DateOnly(2026, 2, 2), "paid-work", "51-75", ["wage"], "work", 21),
            });

        Assert.Equal([new StartRow("ovanaker-ips", "2026-02-02", "woman", "35-44", Pseudonym, "municipality", "none", "forsorjningsstod")], await StartsAsync());
        Assert.Equal([new EndRow("2026-09-30", "2026-02-02", "paid-work", "work", 21)],
            await QueryAsync<EndRow>("SELECT closed_on AS ClosedOn, intake_date AS IntakeDate, outcome, end_reason AS EndReason, days_to_first_employer_contact AS Days FROM enrolment_ends"));
    }

    [Fact]
    public async Task An_anonymous_start_keeps_only_unit_date_sex_and_age_band()
    {
        var eventId = Guid.NewGuid();

        await DeliverAsync(Start(eventId, pseudonym: null));

        Assert.Equal([new StartRow("ovanaker-ips", "2026-02-02", "woman", "35-44", null, null, null, null)], await StartsAsync());
    }

    [Fact]
    public async Task A_restated_start_replaces_the_earlier_one_instead_of_counting_twice()
    {
        var eventId = Guid.NewGuid();

        await DeliverAsync(Start(eventId));
        await DeliverAsync(Start(eventId, occupation: "praktik"));

        Assert.Equal(["praktik"], (await StartsAsync()).Select(s => s.Occupation));
    }
}
