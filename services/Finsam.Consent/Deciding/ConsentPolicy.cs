using Finsam.Consent.Blocking;
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
    /// <summary>
    /// The decision with the person's blocks (spärr) applied: a block wins over any consent, so what it covers is
    /// never permitted, and is named as blocked (its existence is shown, its content is not).
    /// </summary>
    public static ConsentDecision Decide(IEnumerable<StoredConsent> consents, IEnumerable<StoredBlock> blocks, ConsentDecisionRequest request, DateOnly today)
    {
        var decision = Decide(consents, request, today);
        var blocked = blocks.Where(b => b.IsActive && b.PersonRef == request.PersonRef && b.Covers(request.RecipientParty, request.RecipientUnitId))
            .SelectMany(b => b.Categories).Where(request.Categories.Contains).Distinct().ToList();
        return blocked.Count == 0 ? decision : new ConsentDecision(
            false, decision.ConsentId, [.. decision.PermittedCategories.Where(c => !blocked.Contains(c))], ConsentDecision.Blocked)
        {
            BlockedCategories = blocked,
        };
    }

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
