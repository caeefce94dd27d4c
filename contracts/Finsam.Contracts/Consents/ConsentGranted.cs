using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Consents;

public sealed record ConsentGranted(
    Guid ConsentId,
    string PersonRef,
    string Kind,
    string Purpose,
    DateOnly ValidUntil,
    IReadOnlyList<ConsentProvision> Provisions,
    Actor RecordedBy,
    DateTimeOffset RecordedAt);
