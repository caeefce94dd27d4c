namespace Finsam.Contracts.Api.Referrals;

/// <param name="ConsentId">The consent under which the referral was sent.</param>
/// <param name="ReportConsentId">The consent under which the IPS unit reported the latest status, if it has.</param>
public sealed record ReferralView(
    Guid ReferralId, string PersonRef, string ToUnitId, string Status, DateTimeOffset SentAt, string ConsentId, string? ReportConsentId,
    IReadOnlyList<ReferralHistoryEntry> History);
