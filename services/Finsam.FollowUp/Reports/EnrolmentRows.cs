using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Hosting;

namespace Finsam.FollowUp.Reports;

/// <summary>An enrolment's start as recorded; the details are null for an anonymous participant.</summary>
public sealed record StartRow(
    string UnitId, DateOnly IntakeDate, string Sex, string AgeBand, string? Pseudonym, string? ReferringParty, DateOnly? ReceivedOn,
    string? Occupation, string? ExtentBand, IReadOnlyList<string> IncomeSources, string? CoachKey = null)
{
    public bool Linked => Pseudonym is not null;
}

/// <summary>An enrolment's end as recorded; the details are null for an anonymous participant.</summary>
public sealed record EndRow(
    string UnitId, DateOnly ClosedOn, string Sex, string AgeBand, string? Pseudonym, DateOnly? IntakeDate, string? Outcome, string? ExtentBand,
    IReadOnlyList<string> IncomeSources, int? DaysToFirstEmployerContact, string? CoachKey = null)
{
    public bool Linked => Pseudonym is not null;
}

public sealed record FidelityRow(string UnitId, DateOnly Date, int Total, string Band);

/// <summary>Where a linked participant stood months after closing.</summary>
public sealed record FollowUpRow(DateOnly Date, int MonthsAfter, string Pseudonym, DateOnly IntakeDate, string Occupation);

/// <summary>What the reports are written from: every start, end, follow-up after closing and fidelity review of a set of units, as recorded.</summary>
public sealed record EnrolmentRecords(
    IReadOnlyList<StartRow> Starts, IReadOnlyList<EndRow> Ends, IReadOnlyList<FidelityRow> FidelityReviews, IReadOnlyList<FollowUpRow> FollowUps)
{
    public static async Task<EnrolmentRecords> ReadAsync(DbSession session, IReadOnlyList<string> unitIds)
    {
        var units = new { UnitIds = unitIds };
        var starts = await session.QueryAsync<StartData>(
            """
            SELECT unit_id AS UnitId, intake_date AS IntakeDate, sex AS Sex, age_band AS AgeBand, pseudonym AS Pseudonym, referring_party AS ReferringParty,
                   received_on AS ReceivedOn, occupation AS Occupation, extent_band AS ExtentBand, income_sources AS IncomeSources, coach_key AS CoachKey
            FROM enrolment_starts WHERE unit_id IN @UnitIds
            """, units);
        var ends = await session.QueryAsync<EndData>(
            """
            SELECT unit_id AS UnitId, closed_on AS ClosedOn, sex AS Sex, age_band AS AgeBand, pseudonym AS Pseudonym, intake_date AS IntakeDate,
                   outcome AS Outcome, extent_band AS ExtentBand, income_sources AS IncomeSources,
                   days_to_first_employer_contact AS DaysToFirstEmployerContact, coach_key AS CoachKey
            FROM enrolment_ends WHERE unit_id IN @UnitIds
            """, units);
        var reviews = await session.QueryAsync<FidelityData>(
            "SELECT unit_id AS UnitId, review_date AS ReviewDate, total AS Total, band AS Band FROM fidelity_reviews WHERE unit_id IN @UnitIds", units);
        var followUps = await session.QueryAsync<FollowUpData>(
            """
            SELECT follow_up_date AS FollowUpDate, months_after AS MonthsAfter, pseudonym AS Pseudonym, intake_date AS IntakeDate, occupation AS Occupation
            FROM enrolment_follow_ups WHERE unit_id IN @UnitIds
            """, units);
        return new EnrolmentRecords(
            [.. starts.Select(s => new StartRow(s.UnitId, CalendarDates.Parse(s.IntakeDate), s.Sex, s.AgeBand, s.Pseudonym, s.ReferringParty,
                s.ReceivedOn is null ? null : CalendarDates.Parse(s.ReceivedOn), s.Occupation, s.ExtentBand, Codes(s.IncomeSources), s.CoachKey))],
            [.. ends.Select(e => new EndRow(e.UnitId, CalendarDates.Parse(e.ClosedOn), e.Sex, e.AgeBand, e.Pseudonym,
                e.IntakeDate is null ? null : CalendarDates.Parse(e.IntakeDate), e.Outcome, e.ExtentBand, Codes(e.IncomeSources),
                e.DaysToFirstEmployerContact is null ? null : (int)e.DaysToFirstEmployerContact, e.CoachKey))],
            [.. reviews.Select(r => new FidelityRow(r.UnitId, CalendarDates.Parse(r.ReviewDate), (int)r.Total, r.Band))],
            [.. followUps.Select(f => new FollowUpRow(CalendarDates.Parse(f.FollowUpDate), (int)f.MonthsAfter, f.Pseudonym, CalendarDates.Parse(f.IntakeDate), f.Occupation))]);
    }

    private static string[] Codes(string? spaceSeparated) => spaceSeparated?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private sealed record StartData(
        string UnitId, string IntakeDate, string Sex, string AgeBand, string? Pseudonym, string? ReferringParty, string? ReceivedOn, string? Occupation,
        string? ExtentBand, string? IncomeSources, string? CoachKey);

    private sealed record EndData(
        string UnitId, string ClosedOn, string Sex, string AgeBand, string? Pseudonym, string? IntakeDate, string? Outcome, string? ExtentBand,
        string? IncomeSources, long? DaysToFirstEmployerContact, string? CoachKey);

    private sealed record FollowUpData(string FollowUpDate, long MonthsAfter, string Pseudonym, string IntakeDate, string Occupation);

    private sealed record FidelityData(string UnitId, string ReviewDate, long Total, string Band);
}
