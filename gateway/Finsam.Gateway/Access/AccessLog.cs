using System.Text.Json.Nodes;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Sharing;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Gateway.Access;

/// <summary>
/// The gateway's record of views, denials and audit searches. The record is committed to the gateway's
/// outbox before the response leaves, so no data is returned without a durable record of who saw it.
/// </summary>
public sealed class AccessLog(ServiceDatabase<GatewayService> database, TimeProvider clock)
{
    /// <summary>
    /// Records that <paramref name="viewer"/> was shown <paramref name="categories"/> of the person in a
    /// service's answer, which names the person as <c>personRef</c> and the consent that allowed the data
    /// in the property <paramref name="consentProperty"/>.
    /// </summary>
    public Task RecordViewAsync(
        Actor viewer, JsonNode? answer, string? sourceParty, IReadOnlyList<string> categories, string purpose, CancellationToken cancellationToken,
        string consentProperty = "consentId") =>
        RecordViewAsync(viewer, answer.StringOf("personRef"), sourceParty, categories, purpose,
            Guid.TryParse(answer.StringOf(consentProperty), out var consentId) ? consentId : null, cancellationToken);

    /// <summary>Records that <paramref name="viewer"/> was shown <paramref name="categories"/> of a person, shared under <paramref name="consentId"/>.</summary>
    public Task RecordViewAsync(
        Actor viewer, string? personRef, string? sourceParty, IReadOnlyList<string> categories, string purpose, Guid? consentId, CancellationToken cancellationToken) =>
        RecordAsync(new AccessRecorded
        {
            Action = AuditActions.View,
            Actor = viewer,
            PersonRef = personRef,
            SourceParty = sourceParty,
            RecipientParty = viewer.Party,
            RecipientUnitId = viewer.UnitId,
            Categories = categories,
            Purpose = purpose,
            ConsentId = consentId,
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

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
