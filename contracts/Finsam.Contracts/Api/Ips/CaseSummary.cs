namespace Finsam.Contracts.Api.Ips;

/// <summary><c>daysToFirstEmployerContact</c> from the intake in force, null until both exist (IPS: about 30).</summary>
public sealed record CaseSummary(Guid CaseId, string PersonRef, string Status, string? CoachUserId, DateTimeOffset Since, int? DaysToFirstEmployerContact = null);
