using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;

namespace Finsam.Gateway.Access;

/// <summary>
/// The gateway's record of views, denials and audit searches. The record is committed to the gateway's
/// outbox before the response leaves, so no data is returned without a durable record of who saw it.
/// </summary>
public sealed class AccessLog(ServiceDatabase<GatewayService> database, TimeProvider clock)
{
    /// <summary>Records, in one commit, that <paramref name="viewer"/> was shown what a service declared its answer discloses.</summary>
    public async Task RecordViewsAsync(Actor viewer, IReadOnlyList<Disclosure> disclosures, CancellationToken cancellationToken)
    {
        if (disclosures.Count == 0)
        {
            return;
        }

        await using var session = await database.BeginAsync(cancellationToken);
        foreach (var disclosure in disclosures)
        {
            await session.EnqueueAsync(ViewOf(viewer, disclosure, clock.GetUtcNow()));
        }

        await session.CommitAsync();
    }

    /// <summary>The audit record of one declared disclosure shown to <paramref name="viewer"/>.</summary>
    public static AccessRecorded ViewOf(Actor viewer, Disclosure disclosure, DateTimeOffset at) => new()
    {
        Action = AuditActions.View,
        Actor = viewer,
        PersonRef = disclosure.PersonRef,
        SourceParty = disclosure.SourceParty,
        RecipientParty = viewer.Party,
        RecipientUnitId = viewer.UnitId,
        Categories = disclosure.Categories,
        Purpose = disclosure.Purpose,
        ConsentId = disclosure.ConsentId,
        OccurredAt = at,
    };

    /// <summary>An auditor's own search: what was asked (route and filters), and about whom when it names a person.</summary>
    public Task RecordAuditSearchAsync(Actor auditor, string? personRef, string request, CancellationToken cancellationToken) =>
        RecordAsync(new AccessRecorded
        {
            Action = AuditActions.AuditSearch,
            Actor = auditor,
            PersonRef = personRef,
            Purpose = Purposes.Audit,
            Reason = request[..Math.Min(request.Length, 500)],
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

    public async Task RecordAsync(AccessRecorded access, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        await session.EnqueueAsync(access);
        await session.CommitAsync();
    }
}
