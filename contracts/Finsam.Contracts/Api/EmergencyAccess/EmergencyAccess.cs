using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api.Meetings;

namespace Finsam.Contracts.Api.EmergencyAccess;

/// <summary>
/// Emergency access (nödöppning) for a clinician or social worker when the person cannot consent: the categories, a
/// reason and one of the configured legal bases (API.md, "The person").
/// </summary>
public sealed record OpenEmergencyAccessRequest(string? PersonRef, IReadOnlyList<string?>? Categories, string? Reason, string? LegalBasis);

public sealed record EmergencyAccessOpened(Guid AccessId, DateTimeOffset ValidUntil);

/// <summary>A legal basis for disclosure without consent, as configured, with the statute it rests on.</summary>
public sealed record LegalBasis(string Code, string Label, string Statute);

/// <summary>
/// An emergency access as its opener sees it: what it opened, what a block still keeps (unless the basis passes
/// blocks), and until when. Only the member of staff who opened it can use it.
/// </summary>
public sealed record EmergencyAccessView(
    Guid AccessId, string PersonRef, IReadOnlyList<string> Categories, IReadOnlyList<string> BlockedCategories, string LegalBasis,
    string Reason, RecordedBy OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset ValidUntil, bool Active);

/// <summary>What the emergency access shows: the opened sections read from their sources, each recorded as an emergency access.</summary>
public sealed record EmergencySections(Guid AccessId, string PersonRef, DateTimeOffset ValidUntil, IReadOnlyList<SharedViewSection> Sections);
