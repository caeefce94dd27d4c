using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Api.Audit;

public sealed record AuditRecordView(
    long Sequence,
    DateTimeOffset RecordedAt,
    DateTimeOffset OccurredAt,
    string Action,
    string Outcome,
    Actor Actor,
    string? PersonRef,
    string? SourceParty,
    string? SourceUnitId,
    string? RecipientParty,
    string? RecipientUnitId,
    IReadOnlyList<string> Categories,
    string? Purpose,
    Guid? ConsentId,
    string? Reason,
    string? CorrelationId,
    string Hash);
