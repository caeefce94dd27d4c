namespace Finsam.Contracts.Api.Audit;

public sealed record AuditPage(IReadOnlyList<AuditRecordView> Items, string? NextCursor);
