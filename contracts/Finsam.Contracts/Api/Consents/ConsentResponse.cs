using Finsam.Contracts.Consents;

namespace Finsam.Contracts.Api.Consents;

/// <summary>The consent as clients see it (API.md).</summary>
public sealed record ConsentResponse(
    Guid ConsentId,
    string PersonRef,
    string Kind,
    string Purpose,
    string Method,
    string Status,
    string ValidUntil,
    IReadOnlyList<ConsentProvision> Provisions,
    RecordedBy RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? RevokedAt,
    string? RevokeReason,
    string? Note,
    ConsentStudy? Study = null,
    Guid? Replaces = null,
    Guid? SupersededBy = null);
