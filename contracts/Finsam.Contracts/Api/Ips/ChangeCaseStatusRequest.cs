namespace Finsam.Contracts.Api.Ips;

/// <summary>Closing (<c>closed</c>) needs the <c>outcome</c> (the occupation at end, or dropped-out) and the <c>endStatus</c>.</summary>
public sealed record ChangeCaseStatusRequest(string? Status, string? Reason = null, string? Outcome = null, EndStatusRequest? EndStatus = null);
