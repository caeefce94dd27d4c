using Finsam.Consent.Deciding;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Consents;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Confirming;

/// <summary>
/// A source confirms a consent that another party recorded for itself (docs/adr/0024): its own staff, who hold the
/// records, have seen the person agree, so the categories of that source that the consent held back take effect.
/// Only that source's categories are released, and only by the role that holds them (<see cref="SensitiveProvisions.RecordHolderAt"/>);
/// the confirmation is never edited and is its own audit record. The person, signed in, confirms it themself: that
/// releases everything it held back, of every source, at once.
/// </summary>
public static class ConfirmConsent
{
    /// <summary>The denial's reason when someone of the source party who does not hold its records tries to confirm.</summary>
    public const string NotRecordHolder = "not-record-holder";

    public static void MapConfirmConsent(this RouteGroupBuilder group) =>
        group.MapPost("/consents/{consentId:guid}/confirm", HandleAsync).WithSummary("Confirm what a consent holds back of the caller's party");

    private static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> HandleAsync(
        Guid consentId, Grant grant, ServiceDatabase<ConsentService> database, DecisionInputs inputs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = grant.Actor;
        await using var session = await database.BeginAsync(cancellationToken);
        var consent = await ConsentQueries.ByIdAsync(session, consentId);
        if (consent is null || !consent.Concerns(actor))
        {
            return Problems.NotFound("Samtycket finns inte.");
        }

        var today = SwedishTime.Today(clock);
        if (consent.StatusOn(today) != ConsentStatuses.Active)
        {
            return Problems.Conflict("Samtycket gäller inte längre och kan inte bekräftas.");
        }

        var byThePerson = actor.IsThePerson(consent.PersonRef);
        var source = byThePerson ? SensitiveProvisions.ByPerson : actor.Party;
        var awaitingCategories = consent.AwaitingConfirmation.Where(a => byThePerson || a.Source == source).SelectMany(a => a.Categories).ToList();
        var nothingAwaits = byThePerson ? "Inget i samtycket väntar på din bekräftelse." : "Inget i samtycket väntar på bekräftelse från din part.";
        if (awaitingCategories.Count == 0)
        {
            return Problems.Conflict(nothingAwaits);
        }

        if (!byThePerson && SensitiveProvisions.RecordHolderAt.GetValueOrDefault(actor.Party) != actor.Role)
        {
            await session.EnqueueAsync(AccessRecorded.Denial(
                actor, consent.PersonRef, actor.Party, consent.RecordedBy.Party, consent.RecordedBy.UnitId, awaitingCategories, consent.Purpose,
                NotRecordHolder, clock.GetUtcNow(), consentId));
            await session.CommitAsync();
            return Problems.Forbidden("Bara den som har uppgifterna hos din part kan bekräfta att de får lämnas.");
        }

        var confirmation = new ConsentConfirmation(source, RecordedBy.Of(actor), clock.GetUtcNow());
        // Conditional, so that of two concurrent confirmations by the same source exactly one is stored.
        var stored = await session.ExecuteAsync(
            """
            INSERT INTO consent_confirmations (consent_id, source, confirmed_by_user, confirmed_by_role, confirmed_by_party, confirmed_by_unit, confirmed_at)
            SELECT @ConsentId, @Source, @UserId, @Role, @Party, @UnitId, @At
            WHERE NOT EXISTS (SELECT 1 FROM consent_confirmations WHERE consent_id = @ConsentId AND source = @Source)
            """,
            new { ConsentId = consentId.ToString(), confirmation.Source, actor.UserId, actor.Role, actor.Party, actor.UnitId, At = confirmation.ConfirmedAt });
        if (stored == 0)
        {
            return Problems.Conflict(nothingAwaits);
        }

        await session.EnqueueAsync(new AccessRecorded
        {
            Action = AuditActions.ConsentConfirmed, Actor = actor, PersonRef = consent.PersonRef, SourceParty = byThePerson ? null : actor.Party,
            RecipientParty = consent.RecordedBy.Party, Categories = awaitingCategories, Purpose = consent.Purpose, ConsentId = consentId,
            OccurredAt = confirmation.ConfirmedAt,
        });
        await inputs.CommitChangeAsync(session, consent.PersonRef);

        var confirmed = consent with { Confirmations = [.. consent.Confirmations, confirmation] };
        return TypedResults.Ok(confirmed.AsSeenBy(actor).ToResponse(today));
    }
}
