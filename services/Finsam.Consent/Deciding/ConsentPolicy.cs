using Finsam.Consent.Blocking;
using Finsam.Consent.Store;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;

namespace Finsam.Consent.Deciding;

/// <summary>
/// The decision rules, kept free of storage so they can be read and tested alone. Default deny: only an
/// active sharing consent for the same purpose, with provisions for the recipient's party (and unit, when a
/// provision names one, or when the share stays within one party) that together cover every requested category, permits. What a consent holds back until
/// its source or the person confirms it (docs/adr/0024) permits nothing yet, and is named as awaiting confirmation.
/// </summary>
public static class ConsentPolicy
{
    /// <summary>
    /// The decision with the person's blocks (spärr) applied: a block wins over any consent, so what it covers is
    /// never permitted, and is named as blocked (its existence is shown, its content is not).
    /// </summary>
    public static ConsentDecision Decide(IEnumerable<StoredConsent> consents, IEnumerable<StoredBlock> blocks, ConsentDecisionRequest request, DateOnly today)
    {
        if (request.Purpose == Purposes.Statistics)
        {
            return DecideStatistics(consents, request, today); // names no recipient, so no block (which names one) applies
        }

        var decision = Decide(consents, request, today);
        var blocked = blocks.Where(b => b.IsActive && b.PersonRef == request.PersonRef && b.Covers(request.RecipientParty, request.RecipientUnitId))
            .SelectMany(b => b.Categories).Where(request.Categories.Contains).Distinct().ToList();
        return blocked.Count == 0 ? decision : new ConsentDecision(
            false, decision.ConsentId, [.. decision.PermittedCategories.Where(c => !blocked.Contains(c))], ConsentDecision.Blocked)
        {
            BlockedCategories = blocked,
            AwaitingConfirmationCategories = [.. decision.AwaitingConfirmationCategories.Where(c => !blocked.Contains(c))],
        };
    }

    /// <summary>
    /// A statistics consent (DOMAIN.md: a separate kind, for SUS-like follow-up) names no recipient and permits no
    /// sharing: it lets the person's follow-up events carry a statistics pseudonym so start and end can be linked. So
    /// for purpose <c>statistics</c>, an active statistics consent of the person permits, whatever the recipient; a
    /// sharing consent never does.
    /// </summary>
    public static ConsentDecision DecideStatistics(IEnumerable<StoredConsent> consents, ConsentDecisionRequest request, DateOnly today) =>
        consents
            .Where(c => c.Kind == ConsentKinds.Statistics && c.Purpose == Purposes.Statistics && c.PersonRef == request.PersonRef
                && c.StatusOn(today) == ConsentStatuses.Active)
            .OrderByDescending(c => c.RecordedAt)
            .FirstOrDefault() is { } consent
            ? new ConsentDecision(true, consent.ConsentId, [.. request.Categories.Distinct()], null)
            : ConsentDecision.Deny(ConsentDecision.NoConsent);

    public static ConsentDecision Decide(IEnumerable<StoredConsent> consents, ConsentDecisionRequest request, DateOnly today)
    {
        if (request.Categories.Count == 0)
        {
            return ConsentDecision.Deny("no-categories-requested");
        }

        (StoredConsent Consent, List<string> Allowed)? best = null;
        var heldBack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var consent in consents.Where(c => IsUsable(c, request, today)).OrderByDescending(c => c.RecordedAt))
        {
            var named = ProvisionsFor(consent, request)
                .SelectMany(p => p.Categories.Where(request.Categories.Contains).Select(c => (Category: c, Held: consent.IsHeldBack(p, c))))
                .ToList();
            heldBack.UnionWith(named.Where(n => n.Held).Select(n => n.Category));
            var allowed = named.Where(n => !n.Held).Select(n => n.Category).Distinct().ToList();
            if (allowed.Count == request.Categories.Distinct().Count())
            {
                return new ConsentDecision(true, consent.ConsentId, allowed, null);
            }

            if (allowed.Count > (best?.Allowed.Count ?? 0))
            {
                best = (consent, allowed);
            }
        }

        // What another consent permits is not waiting for anything; what is left of the held back is.
        var awaiting = heldBack.Where(c => best?.Allowed.Contains(c) != true).Order(StringComparer.Ordinal).ToList();
        var reason = awaiting.Count > 0 ? ConsentDecision.AwaitingConfirmation : ConsentDecision.NoConsent;
        var decision = best is { } partial
            ? ConsentDecision.Deny(reason, partial.Allowed, partial.Consent.ConsentId)
            : ConsentDecision.Deny(reason);
        return decision with { AwaitingConfirmationCategories = awaiting };
    }

    private static bool IsUsable(StoredConsent consent, ConsentDecisionRequest request, DateOnly today) =>
        consent.Kind == ConsentKinds.Sharing
        && consent.StatusOn(today) == ConsentStatuses.Active
        && consent.Purpose == request.Purpose
        && consent.PersonRef == request.PersonRef;

    /// <summary>
    /// The provisions that name the recipient: its party, and its unit when the provision names one. Within one party
    /// ("the municipality" sharing with "the municipality": social services and the IPS unit are separate activities
    /// under secrecy, OSL 8:2, and two municipalities are two authorities) the party names no one, so only a provision
    /// naming the receiving unit covers the share.
    /// </summary>
    private static IEnumerable<ConsentProvision> ProvisionsFor(StoredConsent consent, ConsentDecisionRequest request) =>
        consent.Provisions.Where(p => p.ToParty == request.RecipientParty && (p.ToUnitId is null
            ? request.SourceParty != request.RecipientParty
            : p.ToUnitId == request.RecipientUnitId));
}
