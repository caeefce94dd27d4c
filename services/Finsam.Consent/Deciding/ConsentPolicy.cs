using Finsam.Consent.Store;
using Finsam.Contracts.Consents;

namespace Finsam.Consent.Deciding;

/// <summary>
/// The decision rules, kept free of storage so they can be read and tested alone. Default deny: only an
/// active sharing consent for the same purpose, with provisions for the recipient's party (and unit, when a
/// provision names one) that together cover every requested category, permits.
/// </summary>
public static class ConsentPolicy
{
    public static ConsentDecision Decide(IEnumerable<StoredConsent> consents, ConsentDecisionRequest request, DateOnly today)
    {
        if (request.Categories.Count == 0)
        {
            return ConsentDecision.Deny("no-categories-requested");
        }

        (StoredConsent Consent, List<string> Allowed)? best = null;
        foreach (var consent in consents.Where(c => IsUsable(c, request, today)).OrderByDescending(c => c.RecordedAt))
        {
            var allowed = AllowedCategories(consent, request).Where(request.Categories.Contains).Distinct().ToList();
            if (allowed.Count == request.Categories.Distinct().Count())
            {
                return new ConsentDecision(true, consent.ConsentId, allowed, null);
            }

            if (allowed.Count > (best?.Allowed.Count ?? 0))
            {
                best = (consent, allowed);
            }
        }

        return best is { } partial
            ? ConsentDecision.Deny(ConsentDecision.NoConsent, partial.Allowed, partial.Consent.ConsentId)
            : ConsentDecision.Deny(ConsentDecision.NoConsent);
    }

    private static bool IsUsable(StoredConsent consent, ConsentDecisionRequest request, DateOnly today) =>
        consent.Kind == ConsentKinds.Sharing
        && consent.StatusOn(today) == ConsentStatuses.Active
        && consent.Purpose == request.Purpose
        && consent.PersonRef == request.PersonRef;

    private static IEnumerable<string> AllowedCategories(StoredConsent consent, ConsentDecisionRequest request) =>
        consent.Provisions
            .Where(p => p.ToParty == request.RecipientParty && (p.ToUnitId is null || p.ToUnitId == request.RecipientUnitId))
            .SelectMany(p => p.Categories);
}
