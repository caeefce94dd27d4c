using Finsam.Contracts.FollowUp;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;
using MassTransit;

namespace Finsam.FollowUp.Recording;

/// <summary>
/// Keeps each enrolment's start as it arrives. The event id is the unit's stable id for that start, so a corrected
/// intake replaces the earlier row instead of counting the person twice.
/// </summary>
public sealed class EnrolmentStartedConsumer(ServiceDatabase<FollowUpService> database) : InboxConsumer<FollowUpService, EnrolmentStarted>(database)
{
    protected override async Task HandleAsync(EnrolmentStarted message, DbSession session, ConsumeContext<EnrolmentStarted> context)
    {
        var linked = message.Linked;
        var row = new
        {
            EventId = message.EventId.ToString(), message.UnitId, IntakeDate = CalendarDates.Text(message.IntakeDate), message.Sex, message.AgeBand,
            Pseudonym = linked is null ? null : message.StatisticsPseudonym, linked?.ReferringParty, ReceivedOn = linked is null ? null : CalendarDates.Text(linked.ReceivedOn),
            linked?.Occupation, linked?.ExtentBand, IncomeSources = linked is null ? null : string.Join(' ', linked.IncomeSources), linked?.Education,
            linked?.LastEmployed, linked?.AfRegistered, linked?.TimeInPublicSupport, message.CoachKey,
        };
        await session.ExecuteAsync("DELETE FROM enrolment_starts WHERE event_id = @EventId", row);
        await session.ExecuteAsync(
            """
            INSERT INTO enrolment_starts (event_id, unit_id, intake_date, sex, age_band, pseudonym, referring_party, received_on, occupation, extent_band,
                                          income_sources, education, last_employed, af_registered, time_in_public_support, coach_key)
            VALUES (@EventId, @UnitId, @IntakeDate, @Sex, @AgeBand, @Pseudonym, @ReferringParty, @ReceivedOn, @Occupation, @ExtentBand,
                    @IncomeSources, @Education, @LastEmployed, @AfRegistered, @TimeInPublicSupport, @CoachKey)
            """, row);
    }
}

/// <summary>Keeps each closing as it arrives; a closing is never corrected, so its event id simply deduplicates.</summary>
public sealed class EnrolmentEndedConsumer(ServiceDatabase<FollowUpService> database) : InboxConsumer<FollowUpService, EnrolmentEnded>(database)
{
    protected override async Task HandleAsync(EnrolmentEnded message, DbSession session, ConsumeContext<EnrolmentEnded> context)
    {
        var linked = message.Linked;
        var row = new
        {
            EventId = message.EventId.ToString(), message.UnitId, ClosedOn = CalendarDates.Text(message.ClosedOn), message.Sex, message.AgeBand,
            Pseudonym = linked is null ? null : message.StatisticsPseudonym, IntakeDate = linked is null ? null : CalendarDates.Text(linked.IntakeDate), linked?.Outcome,
            linked?.ExtentBand, IncomeSources = linked is null ? null : string.Join(' ', linked.IncomeSources), linked?.EndReason,
            linked?.DaysToFirstEmployerContact, message.CoachKey,
        };
        await session.ExecuteAsync("DELETE FROM enrolment_ends WHERE event_id = @EventId", row);
        await session.ExecuteAsync(
            """
            INSERT INTO enrolment_ends (event_id, unit_id, closed_on, sex, age_band, pseudonym, intake_date, outcome, extent_band, income_sources, end_reason,
                                        days_to_first_employer_contact, coach_key)
            VALUES (@EventId, @UnitId, @ClosedOn, @Sex, @AgeBand, @Pseudonym, @IntakeDate, @Outcome, @ExtentBand, @IncomeSources, @EndReason,
                    @DaysToFirstEmployerContact, @CoachKey)
            """, row);
    }
}

/// <summary>Keeps each unit's fidelity review totals; a review is never changed, so its id deduplicates.</summary>
public sealed class FidelityReviewedConsumer(ServiceDatabase<FollowUpService> database) : InboxConsumer<FollowUpService, FidelityReviewed>(database)
{
    protected override Task HandleAsync(FidelityReviewed message, DbSession session, ConsumeContext<FidelityReviewed> context) =>
        session.ExecuteAsync(
            """
            INSERT INTO fidelity_reviews (review_id, unit_id, review_date, total, band)
            SELECT @ReviewId, @UnitId, @ReviewDate, @Total, @Band
            WHERE NOT EXISTS (SELECT 1 FROM fidelity_reviews WHERE review_id = @ReviewId)
            """,
            new { ReviewId = message.ReviewId.ToString(), message.UnitId, ReviewDate = CalendarDates.Text(message.Date), message.Total, message.Band });
}

/// <summary>Keeps each follow-up after closing; a corrected one (same event id) replaces the earlier.</summary>
public sealed class EnrolmentFollowedUpConsumer(ServiceDatabase<FollowUpService> database) : InboxConsumer<FollowUpService, EnrolmentFollowedUp>(database)
{
    protected override async Task HandleAsync(EnrolmentFollowedUp message, DbSession session, ConsumeContext<EnrolmentFollowedUp> context)
    {
        var row = new
        {
            EventId = message.EventId.ToString(), message.UnitId, Date = CalendarDates.Text(message.Date), message.MonthsAfter, Pseudonym = message.StatisticsPseudonym,
            IntakeDate = CalendarDates.Text(message.IntakeDate), message.Occupation, message.ExtentBand, IncomeSources = string.Join(' ', message.IncomeSources),
        };
        await session.ExecuteAsync("DELETE FROM enrolment_follow_ups WHERE event_id = @EventId", row);
        await session.ExecuteAsync(
            """
            INSERT INTO enrolment_follow_ups (event_id, unit_id, follow_up_date, months_after, pseudonym, intake_date, occupation, extent_band, income_sources)
            VALUES (@EventId, @UnitId, @Date, @MonthsAfter, @Pseudonym, @IntakeDate, @Occupation, @ExtentBand, @IncomeSources)
            """, row);
    }
}
