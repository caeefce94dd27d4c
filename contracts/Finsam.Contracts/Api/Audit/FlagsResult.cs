namespace Finsam.Contracts.Api.Audit;

public sealed record FlagsResult(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AuditFlag> Items);
