using Finsam.ServiceDefaults.Hosting;
using Finsam.Contracts.Api.Ips;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Placements;

/// <summary>A placement on an IPS case (ips.employment): what kind, where, how much of full time, and when.</summary>
public sealed record Placement(Guid PlacementId, Guid CaseId, string Type, string Employer, int ExtentPercent, DateOnly From, DateOnly? To)
{
    /// <summary>An end date still ahead (notice given, a praktik booked for three months) leaves it ongoing until that day has passed.</summary>
    public bool IsOngoingOn(DateOnly today) => To is null || To >= today;

    public PlacementView ToView(DateOnly today) => new(PlacementId, Type, Employer, ExtentPercent, From, To, IsOngoingOn(today));
}

/// <summary>The placements table; the SQL is the same on SQLite and SQL Server.</summary>
public static class PlacementStore
{
    private const string SelectPlacement = """
        SELECT p.placement_id AS PlacementId, p.case_id AS CaseId, p.placement_type AS PlacementType, p.employer AS Employer,
               p.extent_percent AS ExtentPercent, p.from_date AS FromDate, p.to_date AS ToDate
        FROM ips_placements p
        """;

    /// <summary>
    /// Stores the placement only if its case is still open when the insert runs: the condition is part of the
    /// statement, so a case closed in between (SQL Server takes no lock on the earlier read) gets nothing.
    /// </summary>
    public static async Task<bool> InsertIfCaseOpenAsync(DbSession session, Placement placement, string byUser, DateTimeOffset at) =>
        await session.ExecuteAsync(
            """
            INSERT INTO ips_placements (placement_id, case_id, placement_type, employer, extent_percent, from_date, to_date, recorded_by, recorded_at)
            SELECT @PlacementId, case_id, @Type, @Employer, @ExtentPercent, @FromDate, @ToDate, @ByUser, @At
            FROM ips_cases WHERE case_id = @CaseId AND status IN @Open
            """,
            new
            {
                PlacementId = placement.PlacementId.ToString(),
                CaseId = placement.CaseId.ToString(),
                placement.Type,
                placement.Employer,
                placement.ExtentPercent,
                FromDate = CalendarDates.Text(placement.From),
                ToDate = placement.To is { } to ? CalendarDates.Text(to) : null,
                ByUser = byUser,
                At = at,
                Open = CaseStatus.Open.ToArray(),
            }) == 1;

    /// <summary>Sets the end date if, when the update runs, the placement has not already ended and its case is open.</summary>
    public static async Task<bool> EndIfOngoingAsync(DbSession session, Placement placement, DateOnly to, DateOnly today, string byUser, DateTimeOffset at) =>
        await session.ExecuteAsync(
            """
            UPDATE ips_placements SET to_date = @ToDate, ended_by = @ByUser, ended_at = @At
            WHERE placement_id = @PlacementId AND (to_date IS NULL OR to_date >= @Today)
              AND case_id IN (SELECT case_id FROM ips_cases WHERE case_id = @CaseId AND status IN @Open)
            """,
            new
            {
                ToDate = CalendarDates.Text(to),
                ByUser = byUser,
                At = at,
                PlacementId = placement.PlacementId.ToString(),
                Today = CalendarDates.Text(today),
                CaseId = placement.CaseId.ToString(),
                Open = CaseStatus.Open.ToArray(),
            }) == 1;

    public static async Task<Placement?> FindAsync(DbSession session, Guid caseId, Guid placementId) =>
        (await session.QuerySingleOrDefaultAsync<PlacementRow>($"{SelectPlacement} WHERE p.placement_id = @PlacementId AND p.case_id = @CaseId",
            new { PlacementId = placementId.ToString(), CaseId = caseId.ToString() }))?.ToPlacement();

    /// <summary>A case's placements, newest first.</summary>
    public static async Task<IReadOnlyList<Placement>> ForCaseAsync(DbSession session, Guid caseId) =>
        [.. (await session.QueryAsync<PlacementRow>($"{SelectPlacement} WHERE p.case_id = @CaseId ORDER BY p.from_date DESC, p.recorded_at DESC",
            new { CaseId = caseId.ToString() })).Select(r => r.ToPlacement())];

    /// <summary>The person's placements across all their cases (a reopened person may have several), newest first.</summary>
    public static async Task<IReadOnlyList<Placement>> ForPersonAsync(DbSession session, string personRef) =>
        [.. (await session.QueryAsync<PlacementRow>(
            $"{SelectPlacement} JOIN ips_cases c ON c.case_id = p.case_id WHERE c.person_ref = @PersonRef ORDER BY p.from_date DESC, p.recorded_at DESC",
            new { PersonRef = personRef })).Select(r => r.ToPlacement())];

    private sealed record PlacementRow
    {
        public string PlacementId { get; init; } = "";
        public string CaseId { get; init; } = "";
        public string PlacementType { get; init; } = "";
        public string Employer { get; init; } = "";
        public int ExtentPercent { get; init; }
        public string FromDate { get; init; } = "";
        public string? ToDate { get; init; }

        public Placement ToPlacement() => new(
            Guid.Parse(PlacementId), Guid.Parse(CaseId), PlacementType, Employer, ExtentPercent,
            CalendarDates.Parse(FromDate),
            ToDate is null ? null : CalendarDates.Parse(ToDate));
    }
}
