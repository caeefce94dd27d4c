using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Cases;

/// <summary>The IPS case tables; the SQL is the same on SQLite and SQL Server.</summary>
public static class CaseStore
{
    private const string SelectCase = """
        SELECT case_id AS CaseId, referral_id AS ReferralId, person_ref AS PersonRef, unit_id AS UnitId,
               referring_party AS ReferringParty, referring_unit_id AS ReferringUnitId, referring_unit_name AS ReferringUnitName,
               consent_id AS ConsentId, reason, own_goal AS OwnGoal, contact_name AS ContactName, contact_phone AS ContactPhone,
               contact_email AS ContactEmail, contact_channel AS ContactChannel, status, reported_status AS ReportedStatus, report_pending AS ReportPending,
               coach_user_id AS CoachUserId, received_at AS ReceivedAt, status_since AS StatusSince, received_via AS ReceivedVia
        FROM ips_cases
        """;

    /// <summary>The queued case a referral becomes, before it is stored.</summary>
    public static IpsCase FromReferral(ReferralSubmitted referral, DateTimeOffset receivedAt) => new()
    {
        CaseId = Guid.CreateVersion7(),
        ReferralId = referral.ReferralId,
        PersonRef = referral.PersonRef,
        UnitId = referral.ReceivingUnitId!,
        ReferringParty = referral.SharingParty,
        ReferringUnitId = referral.SharingUnitId,
        ReferringUnitName = referral.SharingUnitName,
        ConsentId = referral.ConsentId,
        Reason = referral.Reason,
        OwnGoal = referral.OwnGoal,
        Contact = referral.Contact,
        Status = CaseStatus.Queued,
        ReceivedAt = receivedAt,
        StatusSince = receivedAt,
    };

    public static async Task InsertAsync(DbSession session, IpsCase ipsCase)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO ips_cases (case_id, referral_id, person_ref, unit_id, referring_party, referring_unit_id, referring_unit_name,
                                   consent_id, reason, own_goal, contact_name, contact_phone, contact_email, contact_channel,
                                   status, coach_user_id, received_at, status_since, received_via)
            VALUES (@CaseId, @ReferralId, @PersonRef, @UnitId, @ReferringParty, @ReferringUnitId, @ReferringUnitName,
                    @ConsentId, @Reason, @OwnGoal, @ContactName, @ContactPhone, @ContactEmail, @ContactChannel,
                    @Status, NULL, @ReceivedAt, @ReceivedAt, @ReceivedVia)
            """,
            new
            {
                CaseId = ipsCase.CaseId.ToString(),
                ReferralId = ipsCase.ReferralId.ToString(),
                ipsCase.PersonRef,
                ipsCase.UnitId,
                ipsCase.ReferringParty,
                ipsCase.ReferringUnitId,
                ipsCase.ReferringUnitName,
                ConsentId = ipsCase.ConsentId?.ToString(),
                ipsCase.Reason,
                ipsCase.OwnGoal,
                ContactName = ipsCase.Contact.Name,
                ContactPhone = ipsCase.Contact.Phone,
                ContactEmail = ipsCase.Contact.Email,
                ContactChannel = ipsCase.Contact.PreferredChannel,
                ipsCase.Status,
                ipsCase.ReceivedAt,
                ipsCase.ReceivedVia,
            });
    }

    public static async Task<IpsCase?> FindAsync(DbSession session, Guid caseId) =>
        (await session.QuerySingleOrDefaultAsync<CaseRow>($"{SelectCase} WHERE case_id = @CaseId", new { CaseId = caseId.ToString() }))?.ToCase();

    public static async Task<IpsCase?> LatestForPersonAsync(DbSession session, string personRef) =>
        (await session.QueryAsync<CaseRow>($"{SelectCase} WHERE person_ref = @PersonRef ORDER BY received_at DESC", new { PersonRef = personRef }))
            .Select(r => r.ToCase()).FirstOrDefault();

    public static async Task<IReadOnlyList<IpsCase>> QueueAsync(DbSession session, string unitId) =>
        [.. (await session.QueryAsync<CaseRow>($"{SelectCase} WHERE unit_id = @UnitId AND status = @Status ORDER BY received_at",
            new { UnitId = unitId, Status = CaseStatus.Queued })).Select(r => r.ToCase())];

    public static async Task<IReadOnlyList<IpsCase>> ForUnitAsync(DbSession session, string unitId) =>
        [.. (await session.QueryAsync<CaseRow>($"{SelectCase} WHERE unit_id = @UnitId ORDER BY received_at", new { UnitId = unitId })).Select(r => r.ToCase())];

    public static async Task<IReadOnlyList<IpsCase>> ForCoachAsync(DbSession session, string unitId, string coachUserId) =>
        [.. (await session.QueryAsync<CaseRow>($"{SelectCase} WHERE unit_id = @UnitId AND coach_user_id = @CoachUserId ORDER BY received_at",
            new { UnitId = unitId, CoachUserId = coachUserId })).Select(r => r.ToCase())];

    public static async Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(DbSession session, Guid caseId) =>
        [.. await session.QueryAsync<CaseHistoryEntry>(
            "SELECT status, at, by_user AS ByUser, reason, outcome FROM ips_case_history WHERE case_id = @CaseId ORDER BY at",
            new { CaseId = caseId.ToString() })];

    /// <summary>
    /// Moves a case from the status it was read with, and writes the step into its history. Returns false
    /// when someone else moved it in between: the update names the expected status, so on SQL Server (where
    /// a read takes no lock) two concurrent moves cannot both apply.
    /// </summary>
    public static async Task<bool> MoveAsync(DbSession session, IpsCase ipsCase, string status, string byUser, DateTimeOffset at,
        string? coachUserId = null, string? reason = null, string? outcome = null)
    {
        var moved = await session.ExecuteAsync(
            """
            UPDATE ips_cases SET status = @Status, status_since = @At, coach_user_id = COALESCE(@CoachUserId, coach_user_id)
            WHERE case_id = @CaseId AND status = @Expected
            """,
            new { Status = status, At = at, CoachUserId = coachUserId, CaseId = ipsCase.CaseId.ToString(), Expected = ipsCase.Status });
        if (moved == 0)
        {
            return false;
        }

        await AppendHistoryAsync(session, ipsCase.CaseId, status, byUser, at, reason, outcome);
        return true;
    }

    public static Task AppendHistoryAsync(DbSession session, Guid caseId, string status, string byUser, DateTimeOffset at, string? reason = null, string? outcome = null) =>
        session.ExecuteAsync(
            "INSERT INTO ips_case_history (case_id, status, at, by_user, reason, outcome) VALUES (@CaseId, @Status, @At, @ByUser, @Reason, @Outcome)",
            new { CaseId = caseId.ToString(), Status = status, At = at, ByUser = byUser, Reason = reason, Outcome = outcome });

    public static Task SetReportedStatusAsync(DbSession session, Guid caseId, string referralStatus) =>
        session.ExecuteAsync("UPDATE ips_cases SET reported_status = @ReferralStatus, report_pending = 0 WHERE case_id = @CaseId",
            new { ReferralStatus = referralStatus, CaseId = caseId.ToString() });

    public static Task SetReportPendingAsync(DbSession session, Guid caseId, bool pending) =>
        session.ExecuteAsync("UPDATE ips_cases SET report_pending = @Pending WHERE case_id = @CaseId",
            new { Pending = pending, CaseId = caseId.ToString() });

    public static async Task<IReadOnlyList<Guid>> WithPendingReportsAsync(DbSession session) =>
        [.. (await session.QueryAsync<string>("SELECT case_id FROM ips_cases WHERE report_pending = 1")).Select(Guid.Parse)];

    private sealed record CaseRow
    {
        public string CaseId { get; init; } = "";
        public string ReferralId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string ReferringParty { get; init; } = "";
        public string? ReferringUnitId { get; init; }
        public string? ReferringUnitName { get; init; }
        public string? ConsentId { get; init; }
        public string Reason { get; init; } = "";
        public string OwnGoal { get; init; } = "";
        public string ContactName { get; init; } = "";
        public string? ContactPhone { get; init; }
        public string? ContactEmail { get; init; }
        public string? ContactChannel { get; init; }
        public string Status { get; init; } = "";
        public string? ReportedStatus { get; init; }
        public bool ReportPending { get; init; }
        public string? CoachUserId { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset StatusSince { get; init; }
        public string? ReceivedVia { get; init; }

        public IpsCase ToCase() => new()
        {
            CaseId = Guid.Parse(CaseId),
            ReferralId = Guid.Parse(ReferralId),
            PersonRef = PersonRef,
            UnitId = UnitId,
            ReferringParty = ReferringParty,
            ReferringUnitId = ReferringUnitId,
            ReferringUnitName = ReferringUnitName,
            ConsentId = ConsentId is null ? null : Guid.Parse(ConsentId),
            Reason = Reason,
            OwnGoal = OwnGoal,
            Contact = new ContactDetails(ContactName, ContactPhone, ContactEmail, ContactChannel),
            Status = Status,
            ReportedStatus = ReportedStatus,
            ReportPending = ReportPending,
            CoachUserId = CoachUserId,
            ReceivedAt = ReceivedAt,
            StatusSince = StatusSince,
            ReceivedVia = ReceivedVia,
        };
    }
}
