namespace Finsam.Contracts.Api.Audit;

public sealed record SampleResult(int Seed, long Population, IReadOnlyList<AuditRecordView> Items);
