namespace Finsam.Contracts.Api.Ips;

/// <summary><c>warning</c> says, without refusing, when an assignment takes a coach past the caseload limit.</summary>
public sealed record CaseStatusResponse(Guid CaseId, string Status, string? CoachUserId, DateTimeOffset Since, string? Warning = null);
