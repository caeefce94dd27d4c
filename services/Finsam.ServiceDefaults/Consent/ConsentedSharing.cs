using Finsam.Contracts.Audit;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;

namespace Finsam.ServiceDefaults.Consent;

/// <summary>What a share would send: whose data, from which party to which party (and unit), which categories, for what.</summary>
public sealed record ProposedShare(
    string PersonRef, string SourceParty, string RecipientParty, string? RecipientUnitId, IReadOnlyList<string> Categories, string Purpose);

/// <summary>The consent decision on a share, taken before any write session opened.</summary>
public sealed record DecidedShare(ProposedShare Share, ConsentDecision Decision, Actor Actor)
{
    public bool Permitted => Decision.Permitted;

    /// <summary>The consent a permitted share goes under.</summary>
    public Guid ConsentId => Decision.ConsentId ?? throw new InvalidOperationException("A share that was not permitted has no consent.");

    /// <summary>The audit record of this share not happening, and why.</summary>
    public AccessRecorded Denial(DateTimeOffset at) => AccessRecorded.Denial(
        Actor, Share.PersonRef, Share.SourceParty, Share.RecipientParty, Share.RecipientUnitId, Share.Categories, Share.Purpose, Decision.Reason, at,
        Decision.ConsentId);
}

/// <summary>
/// The one way a service shares a person's data or records that it did not: the decision first, with no session
/// open (a network call, see <see cref="WriteSessionGuard"/>); then one write session in which either the
/// effect and its message, or the denial, are written, and one commit.
/// </summary>
public sealed class ConsentedSharing<TService>(ConsentDecisionClient<TService> consent, ServiceDatabase<TService> database, TimeProvider clock)
    where TService : IFinsamService
{
    public async Task<DecidedShare> DecideAsync(ProposedShare share, Actor actor, CancellationToken cancellationToken) => new(
        share,
        await consent.DecideAsync(
            new ConsentDecisionRequest(share.PersonRef, share.RecipientParty, share.RecipientUnitId, share.Categories, share.Purpose, share.SourceParty), actor, cancellationToken),
        actor);

    /// <summary>Decides, then writes <paramref name="share"/>'s effect (when permitted) or its denial, in one commit.</summary>
    public async Task<DecidedShare> ShareOrDenyAsync(
        ProposedShare share, Actor actor, Func<DbSession, DecidedShare, Task> effect, CancellationToken cancellationToken)
    {
        var decided = await DecideAsync(share, actor, cancellationToken);
        await using var session = await database.BeginAsync(cancellationToken);
        if (decided.Permitted)
        {
            await effect(session, decided);
        }
        else
        {
            await session.EnqueueAsync(decided.Denial(clock.GetUtcNow()));
        }

        await session.CommitAsync();
        return decided;
    }
}
