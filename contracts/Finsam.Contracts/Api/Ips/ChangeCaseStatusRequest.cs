namespace Finsam.Contracts.Api.Ips;

public sealed record ChangeCaseStatusRequest(string? Status, string? Reason, string? Outcome);
