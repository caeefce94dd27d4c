using Finsam.ServiceDefaults.Hosting;
using Finsam.Contracts.Api.Ips;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Enrolment;

/// <summary>The enrolment's tables: intake, planned end and its extensions, employer contacts, and each closing's end status.</summary>
public static class EnrolmentStore
{
    private static string Codes(IEnumerable<string> codes) => string.Join(' ', codes);

    private static string[] Codes(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Records the intake (a correction is a new row; the latest is in force) and sets the planned end, if the case is
    /// still open when the insert runs (see <see cref="OpenCase"/>); false, and nothing written, when it is not.
    /// </summary>
    public static async Task<bool> SaveIntakeAsync(DbSession session, Guid caseId, IntakeView intake, DateOnly plannedEnd)
    {
        var row = new
        {
            CaseId = caseId.ToString(), Date = CalendarDates.Text(intake.Date), intake.Sex, intake.BirthYear, intake.Education, intake.LastEmployed,
            intake.AfRegistered, intake.Occupation, intake.ExtentBand, Sources = Codes(intake.IncomeSources), intake.TimeInPublicSupport,
            intake.WishAndGoal, intake.RecordedBy, intake.RecordedAt, PlannedEnd = CalendarDates.Text(plannedEnd), Open = CaseStatus.Open.ToArray(),
        };
        var inserted = await session.ExecuteAsync(
            $"""
            INSERT INTO ips_intakes (case_id, intake_date, sex, birth_year, education, last_employed, af_registered, occupation, extent_band,
                                     income_sources, time_in_public_support, wish_and_goal, recorded_by, recorded_at)
            SELECT case_id, @Date, @Sex, @BirthYear, @Education, @LastEmployed, @AfRegistered, @Occupation, @ExtentBand,
                   @Sources, @TimeInPublicSupport, @WishAndGoal, @RecordedBy, @RecordedAt
            {OpenCase}
            """, row);
        await session.ExecuteAsync("UPDATE ips_cases SET planned_end = @PlannedEnd WHERE case_id = @CaseId AND status IN @Open", row);
        return inserted == 1;
    }

    /// <summary>
    /// The condition that ends every insert on a case: the case is open when the statement runs. It is part of the
    /// statement, so a case closed between the handler's read and the write (SQL Server takes no lock on that read)
    /// gets nothing, as placements do.
    /// </summary>
    private const string OpenCase = "FROM ips_cases WHERE case_id = @CaseId AND status IN @Open";

    /// <summary>Every intake of the case, oldest first: the last is in force, earlier ones started earlier enrolments or were corrected.</summary>
    public static async Task<IReadOnlyList<IntakeView>> IntakesAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<IntakeRow>(
            """
            SELECT intake_date AS Date, sex, birth_year AS BirthYear, education, last_employed AS LastEmployed, af_registered AS AfRegistered,
                   occupation, extent_band AS ExtentBand, income_sources AS IncomeSources, time_in_public_support AS TimeInPublicSupport,
                   wish_and_goal AS WishAndGoal, recorded_by AS RecordedBy, recorded_at AS RecordedAt
            FROM ips_intakes WHERE case_id = @CaseId ORDER BY recorded_at
            """, new { CaseId = caseId.ToString() })).Select(r => r.ToView())];

    public static async Task<DateOnly?> PlannedEndAsync(DbSession session, Guid caseId) =>
        await session.ExecuteScalarAsync<string?>("SELECT planned_end FROM ips_cases WHERE case_id = @CaseId", new { CaseId = caseId.ToString() })
            is { } text ? CalendarDates.Parse(text) : null;

    /// <summary>Moves the planned end and keeps why, if the case is still open when the insert runs; false, and nothing written, when not.</summary>
    public static async Task<bool> ExtendAsync(DbSession session, Guid caseId, DateOnly? from, DateOnly until, string reason, string byUser, DateTimeOffset at)
    {
        var row = new
        {
            CaseId = caseId.ToString(), From = from is { } f ? CalendarDates.Text(f) : null, Until = CalendarDates.Text(until), Reason = reason, ByUser = byUser,
            At = at, Open = CaseStatus.Open.ToArray(),
        };
        var inserted = await session.ExecuteAsync(
            $"INSERT INTO ips_extensions (case_id, from_end, until, reason, by_user, at) SELECT case_id, @From, @Until, @Reason, @ByUser, @At {OpenCase}", row);
        await session.ExecuteAsync("UPDATE ips_cases SET planned_end = @Until WHERE case_id = @CaseId AND status IN @Open", row);
        return inserted == 1;
    }

    public static async Task<IReadOnlyList<ExtensionView>> ExtensionsAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<ExtensionRow>(
            "SELECT from_end AS FromEnd, until, reason, by_user AS ByUser, at FROM ips_extensions WHERE case_id = @CaseId ORDER BY at",
            new { CaseId = caseId.ToString() })).Select(r => r.ToView())];

    /// <summary>Records the contact if the case is still open when the insert runs; false, and nothing written, when not.</summary>
    public static async Task<bool> AddEmployerContactAsync(DbSession session, Guid caseId, EmployerContactView contact, DateTimeOffset at) =>
        await session.ExecuteAsync(
            $"""
            INSERT INTO ips_employer_contacts (contact_id, case_id, contact_date, employer, kind, note, recorded_by, recorded_at)
            SELECT @ContactId, case_id, @Date, @Employer, @Kind, @Note, @RecordedBy, @At
            {OpenCase}
            """,
            new
            {
                ContactId = contact.ContactId.ToString(), CaseId = caseId.ToString(), Date = CalendarDates.Text(contact.Date), contact.Employer, contact.Kind,
                contact.Note, contact.RecordedBy, At = at, Open = CaseStatus.Open.ToArray(),
            }) == 1;

    public static async Task<IReadOnlyList<EmployerContactView>> EmployerContactsAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<ContactRow>(
            """
            SELECT contact_id AS ContactId, contact_date AS Date, employer, kind, note, recorded_by AS RecordedBy
            FROM ips_employer_contacts WHERE case_id = @CaseId ORDER BY contact_date, recorded_at
            """, new { CaseId = caseId.ToString() })).Select(r => r.ToView())];

    public static Task AddEndingAsync(DbSession session, Guid caseId, EndStatusView end, string byUser) => session.ExecuteAsync(
        """
        INSERT INTO ips_case_endings (case_id, closed_at, outcome, extent_band, income_sources, end_reason, by_user)
        VALUES (@CaseId, @ClosedAt, @Outcome, @ExtentBand, @Sources, @EndReason, @ByUser)
        """,
        new { CaseId = caseId.ToString(), end.ClosedAt, end.Outcome, end.ExtentBand, Sources = Codes(end.IncomeSources), end.EndReason, ByUser = byUser });

    /// <summary>Every closing's end status, oldest first: a case reopened and closed again keeps each.</summary>
    public static async Task<IReadOnlyList<EndStatusView>> EndingsAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<EndingRow>(
            """
            SELECT closed_at AS ClosedAt, outcome, extent_band AS ExtentBand, income_sources AS IncomeSources, end_reason AS EndReason
            FROM ips_case_endings WHERE case_id = @CaseId ORDER BY closed_at
            """, new { CaseId = caseId.ToString() })).Select(r => r.ToView())];

    /// <summary>Records the follow-up if the case is still closed when the insert runs; false, and nothing written, when not.</summary>
    public static async Task<bool> AddPostClosingFollowUpAsync(DbSession session, Guid caseId, PostClosingFollowUpView followUp) =>
        await session.ExecuteAsync(
            """
            INSERT INTO ips_post_closing_follow_ups (case_id, follow_up_date, months_after, occupation, extent_band, income_sources, recorded_by, recorded_at)
            SELECT case_id, @Date, @MonthsAfter, @Occupation, @ExtentBand, @Sources, @RecordedBy, @RecordedAt
            FROM ips_cases WHERE case_id = @CaseId AND status = @Closed
            """,
            new
            {
                CaseId = caseId.ToString(), Date = CalendarDates.Text(followUp.Date), followUp.MonthsAfter, followUp.Occupation, followUp.ExtentBand,
                Sources = Codes(followUp.IncomeSources), followUp.RecordedBy, followUp.RecordedAt, Closed = CaseStatus.Closed,
            }) == 1;

    public static async Task<IReadOnlyList<PostClosingFollowUpView>> PostClosingFollowUpsAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<FollowUpRow>(
            """
            SELECT follow_up_date AS Date, months_after AS MonthsAfter, occupation, extent_band AS ExtentBand, income_sources AS IncomeSources,
                   recorded_by AS RecordedBy, recorded_at AS RecordedAt
            FROM ips_post_closing_follow_ups WHERE case_id = @CaseId ORDER BY recorded_at
            """, new { CaseId = caseId.ToString() })).Select(r => r.ToView())];

    /// <summary>The open cases of a unit with when anyone last did something on each, and their planned end.</summary>
    public static async Task<IReadOnlyList<(Guid CaseId, string PersonRef, string Status, DateTimeOffset LastActivity, DateOnly? PlannedEnd)>> OpenWithActivityAsync(
        DbSession session, string unitId) =>
        [.. (await session.QueryAsync<ActivityRow>(
            """
            SELECT c.case_id AS CaseId, c.person_ref AS PersonRef, c.status, c.planned_end AS PlannedEnd, c.status_since AS StatusSince,
                   (SELECT MAX(e.recorded_at) FROM ips_employer_contacts e WHERE e.case_id = c.case_id) AS LastContact,
                   (SELECT MAX(p.recorded_at) FROM ips_placements p WHERE p.case_id = c.case_id) AS LastPlacement,
                   (SELECT MAX(i.recorded_at) FROM ips_intakes i WHERE i.case_id = c.case_id) AS LastIntake
            FROM ips_cases c
            WHERE c.unit_id = @UnitId AND c.status IN @Open
            """, new { UnitId = unitId, Open = CaseStatus.Open })).Select(r => r.ToActivity())];

    /// <summary>For each case of the unit with an intake: the date of the intake in force and of the first employer contact, if any.</summary>
    public static async Task<Dictionary<Guid, (DateOnly Intake, DateOnly? Contact)>> FirstEmployerContactsAsync(DbSession session, string unitId) =>
        (await session.QueryAsync<FirstContactRow>(
            """
            SELECT i.case_id AS CaseId, i.intake_date AS IntakeDate,
                   (SELECT MIN(e.contact_date) FROM ips_employer_contacts e WHERE e.case_id = i.case_id) AS FirstContact
            FROM ips_intakes i JOIN ips_cases c ON c.case_id = i.case_id
            WHERE c.unit_id = @UnitId AND i.recorded_at = (SELECT MAX(j.recorded_at) FROM ips_intakes j WHERE j.case_id = i.case_id)
            """, new { UnitId = unitId }))
        .ToDictionary(r => Guid.Parse(r.CaseId), r => (CalendarDates.Parse(r.IntakeDate), r.FirstContact is null ? (DateOnly?)null : CalendarDates.Parse(r.FirstContact)));

    /// <summary>The coach of each open case of the unit, once per case.</summary>
    public static async Task<IReadOnlyList<string>> OpenWithCoachAsync(DbSession session, string unitId) =>
        [.. await session.QueryAsync<string>(
            "SELECT coach_user_id FROM ips_cases WHERE unit_id = @UnitId AND status IN @Open AND coach_user_id IS NOT NULL",
            new { UnitId = unitId, Open = CaseStatus.Open })];

    private sealed record IntakeRow
    {
        public string Date { get; init; } = "";
        public string Sex { get; init; } = "";
        public int BirthYear { get; init; }
        public string Education { get; init; } = "";
        public string LastEmployed { get; init; } = "";
        public bool AfRegistered { get; init; }
        public string Occupation { get; init; } = "";
        public string ExtentBand { get; init; } = "";
        public string IncomeSources { get; init; } = "";
        public string TimeInPublicSupport { get; init; } = "";
        public string WishAndGoal { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }

        public IntakeView ToView() => new(
            CalendarDates.Parse(Date), Sex, BirthYear, Education, LastEmployed, AfRegistered, Occupation, ExtentBand, Codes(IncomeSources),
            TimeInPublicSupport, WishAndGoal, RecordedBy, RecordedAt);
    }

    private sealed record ExtensionRow
    {
        public string? FromEnd { get; init; }
        public string Until { get; init; } = "";
        public string Reason { get; init; } = "";
        public string ByUser { get; init; } = "";
        public DateTimeOffset At { get; init; }

        public ExtensionView ToView() => new(FromEnd is null ? null : CalendarDates.Parse(FromEnd), CalendarDates.Parse(Until), Reason, ByUser, At);
    }

    private sealed record ContactRow
    {
        public string ContactId { get; init; } = "";
        public string Date { get; init; } = "";
        public string Employer { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Note { get; init; }
        public string RecordedBy { get; init; } = "";

        public EmployerContactView ToView() => new(Guid.Parse(ContactId), CalendarDates.Parse(Date), Employer, Kind, Note, RecordedBy);
    }

    private sealed record FollowUpRow
    {
        public string Date { get; init; } = "";
        public long MonthsAfter { get; init; }
        public string Occupation { get; init; } = "";
        public string ExtentBand { get; init; } = "";
        public string IncomeSources { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }

        public PostClosingFollowUpView ToView() =>
            new(CalendarDates.Parse(Date), (int)MonthsAfter, Occupation, ExtentBand, Codes(IncomeSources), RecordedBy, RecordedAt);
    }

    private sealed record EndingRow
    {
        public DateTimeOffset ClosedAt { get; init; }
        public string Outcome { get; init; } = "";
        public string ExtentBand { get; init; } = "";
        public string IncomeSources { get; init; } = "";
        public string EndReason { get; init; } = "";

        public EndStatusView ToView() => new(ClosedAt, Outcome, ExtentBand, Codes(IncomeSources), EndReason);
    }

    private sealed record FirstContactRow
    {
        public string CaseId { get; init; } = "";
        public string IntakeDate { get; init; } = "";
        public string? FirstContact { get; init; }
    }

    private sealed record ActivityRow
    {
        public string CaseId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string Status { get; init; } = "";
        public string? PlannedEnd { get; init; }
        public DateTimeOffset StatusSince { get; init; }
        public DateTimeOffset? LastContact { get; init; }
        public DateTimeOffset? LastPlacement { get; init; }
        public DateTimeOffset? LastIntake { get; init; }

        public (Guid, string, string, DateTimeOffset, DateOnly?) ToActivity() => (
            Guid.Parse(CaseId), PersonRef, Status,
            new[] { StatusSince, LastContact ?? StatusSince, LastPlacement ?? StatusSince, LastIntake ?? StatusSince }.Max(),
            PlannedEnd is null ? null : CalendarDates.Parse(PlannedEnd));
    }
}
