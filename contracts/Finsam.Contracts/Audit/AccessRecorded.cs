using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Audit;

/// <summary>
/// An access that is not itself a message share: a person viewing shared data through the gateway, a
/// denial, or an auditor's search. Written to the sender's outbox before any data is returned.
/// </summary>
public sealed record AccessRecorded
{
    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public required Actor Actor { get; init; }

    public string? PersonRef { get; init; }

    /// <summary>The party whose data was viewed or asked for.</summary>
    public string? SourceParty { get; init; }

    public string? RecipientParty { get; init; }

    public string? RecipientUnitId { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Purpose { get; init; }

    public Guid? ConsentId { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// The one way to write down that <paramref name="categories"/> of a person were not shared or shown:
    /// who asked, from which source to which recipient, for what, and why not.
    /// </summary>
    public static AccessRecorded Denial(
        Actor actor, string? personRef, string? sourceParty, string? recipientParty, string? recipientUnitId, IReadOnlyList<string> categories,
        string? purpose, string? reason, DateTimeOffset at, Guid? consentId = null) => new()
    {
        Action = AuditActions.Deny,
        Actor = actor,
        PersonRef = personRef,
        SourceParty = sourceParty,
        RecipientParty = recipientParty,
        RecipientUnitId = recipientUnitId,
        Categories = categories,
        Purpose = purpose,
        ConsentId = consentId,
        Reason = reason,
        OccurredAt = at,
    };
}
