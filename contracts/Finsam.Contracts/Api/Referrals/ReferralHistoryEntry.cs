namespace Finsam.Contracts.Api.Referrals;

public sealed record ReferralHistoryEntry(string Status, DateTimeOffset At);
