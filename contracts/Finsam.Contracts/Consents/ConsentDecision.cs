namespace Finsam.Contracts.Consents;

/// <summary>
/// May <paramref name="RecipientParty"/> (and unit) receive these categories about the person for this purpose now?
/// <paramref name="SourceParty"/>, when the share has one source, lets the policy see a share within one party (a
/// municipality's social services to its IPS unit, or one municipality to another), which only a provision naming the
/// receiving unit covers.
/// </summary>
public sealed record ConsentDecisionRequest(
    string PersonRef,
    string RecipientParty,
    string? RecipientUnitId,
    IReadOnlyList<string> Categories,
    string Purpose,
    string? SourceParty = null);

/// <summary>
/// The policy decision. <see cref="PermittedCategories"/> lists what the best matching consent allows even
/// when the decision is a denial, so that a caller composing several sections can withhold only some.
/// </summary>
public sealed record ConsentDecision(bool Permitted, Guid? ConsentId, IReadOnlyList<string> PermittedCategories, string? Reason)
{
    public const string NoConsent = "no-consent";

    /// <summary>The person blocked (spärr) some of what was asked for this recipient; a block wins over any consent.</summary>
    public const string Blocked = "blocked";
    /// <summary>
    /// Some of what was asked is held back: the recorder's own party would receive it from another source, and
    /// neither that source nor the person has confirmed the consent yet (issue 14, item 5).
    /// </summary>
    public const string AwaitingConfirmation = "awaiting-confirmation";
    public const string Unavailable = "decision-unavailable";

    /// <summary>The asked categories that a block keeps from this recipient: shown as blocked, never as missing.</summary>
    public IReadOnlyList<string> BlockedCategories { get; init; } = [];

    /// <summary>The asked categories that a consent would permit once its source or the person confirms it.</summary>
    public IReadOnlyList<string> AwaitingConfirmationCategories { get; init; } = [];

    public static ConsentDecision Deny(string reason, IReadOnlyList<string>? partial = null, Guid? consentId = null) =>
        new(false, consentId, partial ?? [], reason);
}
