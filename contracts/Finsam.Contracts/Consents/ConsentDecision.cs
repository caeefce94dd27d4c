namespace Finsam.Contracts.Consents;

/// <summary>May <paramref name="RecipientParty"/> (and unit) receive these categories about the person for this purpose now?</summary>
public sealed record ConsentDecisionRequest(
    string PersonRef,
    string RecipientParty,
    string? RecipientUnitId,
    IReadOnlyList<string> Categories,
    string Purpose);

/// <summary>
/// The policy decision. <see cref="PermittedCategories"/> lists what the best matching consent allows even
/// when the decision is a denial, so that a caller composing several sections can withhold only some.
/// </summary>
public sealed record ConsentDecision(bool Permitted, Guid? ConsentId, IReadOnlyList<string> PermittedCategories, string? Reason)
{
    public const string NoConsent = "no-consent";
    public const string Unavailable = "decision-unavailable";

    public static ConsentDecision Deny(string reason, IReadOnlyList<string>? partial = null, Guid? consentId = null) =>
        new(false, consentId, partial ?? [], reason);
}
