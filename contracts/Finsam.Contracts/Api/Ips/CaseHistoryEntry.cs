namespace Finsam.Contracts.Api.Ips;

public sealed record CaseHistoryEntry(string Status, DateTimeOffset At, string ByUser, string? Reason, string? Outcome);
