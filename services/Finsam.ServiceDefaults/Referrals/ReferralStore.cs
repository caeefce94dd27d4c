using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Data;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>The outgoing referral tables of a referring service; the SQL is the same on SQLite and SQL Server.</summary>
public static class ReferralStore
{
    public static async Task InsertAsync(DbSession session, ReferralSubmitted referral)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO referrals (referral_id, person_ref, referring_unit_id, referring_user_id, to_party, to_unit_id, reason, own_goal,
                                   contact_name, contact_phone, contact_email, contact_channel, consent_id, status, sent_at, status_at)
            VALUES (@ReferralId, @PersonRef, @ReferringUnitId, @ReferringUserId, @ToParty, @ToUnitId, @Reason, @OwnGoal,
                    @ContactName, @ContactPhone, @ContactEmail, @ContactChannel, @ConsentId, @Status, @SentAt, @SentAt)
            """,
            new
            {
                ReferralId = referral.ReferralId.ToString(),
                referral.PersonRef,
                ReferringUnitId = referral.SharingUnitId,
                ReferringUserId = referral.ActingUser.UserId,
                ToParty = referral.ReceivingParty,
                ToUnitId = referral.ReceivingUnitId,
                referral.Reason,
                referral.OwnGoal,
                ContactName = referral.Contact.Name,
                ContactPhone = referral.Contact.Phone,
                ContactEmail = referral.Contact.Email,
                ContactChannel = referral.Contact.PreferredChannel,
                ConsentId = referral.ConsentId.ToString(),
                Status = ReferralStatuses.Sent,
                SentAt = referral.OccurredAt,
            });
        await AppendHistoryAsync(session, referral.ReferralId, ReferralStatuses.Sent, referral.OccurredAt);
    }

    public static Task AppendHistoryAsync(DbSession session, Guid referralId, string status, DateTimeOffset at, Guid? consentId = null) =>
        session.ExecuteAsync(
            "INSERT INTO referral_history (referral_id, status, at, consent_id) VALUES (@ReferralId, @Status, @At, @ConsentId)",
            new { ReferralId = referralId.ToString(), Status = status, At = at, ConsentId = consentId?.ToString() });

    /// <summary>The current status is the latest reported one, so a late redelivery cannot move a referral back.</summary>
    public static Task UpdateStatusAsync(DbSession session, Guid referralId, string status, DateTimeOffset at) =>
        session.ExecuteAsync(
            "UPDATE referrals SET status = @Status, status_at = @At WHERE referral_id = @ReferralId AND status_at <= @At",
            new { ReferralId = referralId.ToString(), Status = status, At = at });

    /// <summary>Whether the referral went from <paramref name="referringUnitId"/> to <paramref name="receivingUnitId"/>.</summary>
    public static async Task<bool> ExistsBetweenAsync(DbSession session, Guid referralId, string? referringUnitId, string? receivingUnitId) =>
        await session.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM referrals WHERE referral_id = @ReferralId AND referring_unit_id = @ReferringUnitId AND to_unit_id = @ReceivingUnitId",
            new { ReferralId = referralId.ToString(), ReferringUnitId = referringUnitId, ReceivingUnitId = receivingUnitId }) > 0;

    public static async Task<ReferralView?> FindForUnitAsync(DbSession session, Guid referralId, string unitId)
    {
        var row = await session.QuerySingleOrDefaultAsync<ReferralRow>(
            $"{SelectReferral} WHERE referral_id = @ReferralId AND referring_unit_id = @UnitId",
            new { ReferralId = referralId.ToString(), UnitId = unitId });
        if (row is null)
        {
            return null;
        }

        var history = (await session.QueryAsync<HistoryRow>(
            "SELECT status, at, consent_id AS ConsentId FROM referral_history WHERE referral_id = @ReferralId ORDER BY at",
            new { ReferralId = referralId.ToString() })).ToList();
        return row.ToView([.. history.Select(h => new ReferralHistoryEntry(h.Status, h.At))], history.LastOrDefault(h => h.ConsentId is not null)?.ConsentId);
    }

    public static async Task<IReadOnlyList<ReferralView>> ListForUnitAsync(DbSession session, string unitId)
    {
        var rows = await session.QueryAsync<ReferralRow>(
            $"{SelectReferral} WHERE referring_unit_id = @UnitId ORDER BY sent_at DESC", new { UnitId = unitId });
        // The consent each latest report came under, so that showing the list records the views it is.
        var reports = (await session.QueryAsync<ReportRow>(
                """
                SELECT h.referral_id AS ReferralId, h.consent_id AS ConsentId, h.at FROM referral_history h
                JOIN referrals r ON r.referral_id = h.referral_id
                WHERE r.referring_unit_id = @UnitId AND h.consent_id IS NOT NULL
                """, new { UnitId = unitId }))
            .GroupBy(h => h.ReferralId)
            .ToDictionary(g => g.Key, g => g.MaxBy(h => h.At)!.ConsentId);
        return [.. rows.Select(r => r.ToView([], reports.GetValueOrDefault(r.ReferralId)))];
    }

    private const string SelectReferral = """
        SELECT referral_id AS ReferralId, person_ref AS PersonRef, to_unit_id AS ToUnitId, status, sent_at AS SentAt, consent_id AS ConsentId
        FROM referrals
        """;

    private sealed record ReferralRow
    {
        public string ReferralId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string ToUnitId { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset SentAt { get; init; }
        public string ConsentId { get; init; } = "";

        public ReferralView ToView(IReadOnlyList<ReferralHistoryEntry> history, string? reportConsentId) =>
            new(Guid.Parse(ReferralId), PersonRef, ToUnitId, Status, SentAt, ConsentId, reportConsentId, history);
    }

    private sealed record ReportRow
    {
        public string ReferralId { get; init; } = "";
        public string ConsentId { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }

    private sealed record HistoryRow
    {
        public string Status { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string? ConsentId { get; init; }
    }
}
