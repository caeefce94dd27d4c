namespace Finsam.Contracts.Api.Audit;

public sealed record PersonExtract(string PersonRef, DateTimeOffset GeneratedAt, int Accesses, IReadOnlyList<ExtractEntry> Entries);
