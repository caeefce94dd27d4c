namespace Finsam.Contracts.Api.Ips;

public sealed record CaseSummary(Guid CaseId, string PersonRef, string Status, string? CoachUserId, DateTimeOffset Since);
