namespace Finsam.Contracts.Api.Ips;

public sealed record ChangeCaseStatusRequest(string? Status, string? Reason = null, string? Outcome = null);
