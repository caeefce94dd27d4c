namespace Finsam.Contracts.Api.Ips;

public sealed record CaseStatusResponse(Guid CaseId, string Status, string? CoachUserId, DateTimeOffset Since);
