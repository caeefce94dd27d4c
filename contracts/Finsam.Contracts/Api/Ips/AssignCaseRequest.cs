namespace Finsam.Contracts.Api.Ips;

public sealed record AssignCaseRequest(string? CoachUserId);
