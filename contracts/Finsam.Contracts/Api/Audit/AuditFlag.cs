namespace Finsam.Contracts.Api.Audit;

public sealed record AuditFlag(string Kind, long Sequence, DateTimeOffset OccurredAt, string UserId, string? PersonRef, string Detail);
