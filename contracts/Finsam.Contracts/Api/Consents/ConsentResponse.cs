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
    Guid? SupersededBy = null)
{
    /// <summary>
    /// The provisions held back until confirmed (issue 14, item 5): categories sensitive at another source that the
    /// recorder's own party would receive; nothing of them leaves the source until it, or the person, confirms.
    /// </summary>
    public IReadOnlyList<AwaitingConfirmation> AwaitingConfirmation { get; init; } = [];

    /// <summary>Who confirmed held-back provisions, per source (or <c>person</c>), and when.</summary>
    public IReadOnlyList<ConsentConfirmation> Confirmations { get; init; } = [];

    /// <summary>Where staff documented the consent (the signed form, the record entry); null for one the person gave signed in.</summary>
    public string? DocumentRef { get; init; }
}

/// <summary>A source's categories that wait for that source's staff, or the person, to confirm the consent.</summary>
public sealed record AwaitingConfirmation(string Source, IReadOnlyList<string> Categories);

/// <summary>A confirmation of a consent's held-back provisions: by a source's staff for its categories, or by the person (<c>person</c>) for all.</summary>
public sealed record ConsentConfirmation(string Source, RecordedBy ConfirmedBy, DateTimeOffset ConfirmedAt);
