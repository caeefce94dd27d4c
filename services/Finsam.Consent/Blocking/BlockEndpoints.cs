using Finsam.Consent.Deciding;
using Finsam.Contracts.Api.Blocks;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Blocking;

/// <summary>
/// Blocks (spärr), recorded by staff at the person's request: they win over every consent until lifted, and their
/// existence is never hidden (any member of staff who works with the person sees them). A block is not edited;
/// it is lifted, by the unit that recorded it or by the person, with who and when. Each is an audit record of its own.
/// The person records and lists their own through the gateway's <c>/api/me/blocks</c>.
/// </summary>
public static class BlockEndpoints
{
    public static void MapBlocks(this RouteGroupBuilder group)
    {
        group.MapPost("/persons/{personRef}/blocks", RecordAsync).WithSummary("Record a block the person asked for");
        group.MapGet("/persons/{personRef}/blocks", ListAsync).WithSummary("A person's blocks, active and lifted");
        group.MapPost("/blocks/{blockId:guid}/lift", LiftAsync).WithSummary("Lift a block");
    }

    private static async Task<Results<Created<BlockCreated>, ValidationProblem>> RecordAsync(
        string personRef, RecordBlockRequest request, Grant grant, ServiceDatabase<ConsentService> database, DecisionInputs inputs,
        FinsamDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(personRef), "personRef", "Okänd personreferens.")
            .Require(Parties.IsValid(request.ToParty), "toParty", "Ange vilken part som inte får ta emot uppgifterna.")
            .Require(string.IsNullOrWhiteSpace(request.ToUnitId) || directory.FindUnit(request.ToUnitId)?.Party == request.ToParty, "toUnitId", "Okänd enhet för den parten.")
            .Require(request.Categories is { Count: > 0 } && request.Categories.All(DataCategories.IsValid), "categories", "Ange vilka uppgifter som spärras.")
            .OptionalText(request.Reason, "reason", 2000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var block = new StoredBlock(
            Guid.CreateVersion7(), personRef, request.ToParty!, string.IsNullOrWhiteSpace(request.ToUnitId) ? null : request.ToUnitId,
            [.. request.Categories!.Distinct()!], request.Reason, RecordedBy.Of(grant.Actor),
            clock.GetUtcNow(), null, null);
        await using var session = await database.BeginAsync(cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO consent_blocks (block_id, person_ref, to_party, to_unit_id, categories, reason,
                                        recorded_by_user, recorded_by_role, recorded_by_party, recorded_by_unit, recorded_at)
            VALUES (@BlockId, @PersonRef, @ToParty, @ToUnitId, @Categories, @Reason, @User, @Role, @Party, @Unit, @RecordedAt)
            """,
            new
            {
                BlockId = block.BlockId.ToString(), block.PersonRef, block.ToParty, block.ToUnitId, Categories = string.Join(' ', block.Categories),
                block.Reason, User = block.RecordedBy.UserId, block.RecordedBy.Role, block.RecordedBy.Party, Unit = block.RecordedBy.UnitId, block.RecordedAt,
            });
        await session.EnqueueAsync(Recorded(AuditActions.BlockRecorded, grant.Actor, block, block.RecordedAt));
        await inputs.CommitChangeAsync(session, block.PersonRef);
        return TypedResults.Created($"/consent/blocks/{block.BlockId}", new BlockCreated(block.BlockId));
    }

    private static async Task<Results<Ok<List<BlockView>>, ValidationProblem>> ListAsync(
        string personRef, ServiceDatabase<ConsentService> database, CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Okänd personreferens.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Ok((await BlockQueries.ForPersonAsync(session, personRef)).Select(b => b.ToView()).ToList());
    }

    private static async Task<Results<Ok<BlockView>, ProblemHttpResult>> LiftAsync(
        Guid blockId, Grant grant, ServiceDatabase<ConsentService> database, DecisionInputs inputs, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var block = await BlockQueries.ByIdAsync(session, blockId);
        if (block is null || !(grant.Actor.IsThePerson(block.PersonRef) || (grant.Actor.Role != Roles.Resident && block.RecordedBy.UnitId == grant.Actor.UnitId)))
        {
            return Problems.NotFound("Spärren finns inte, eller registrerades av en annan enhet.");
        }

        var liftedAt = clock.GetUtcNow();
        // Conditional, so that of two concurrent lifts exactly one takes effect.
        var lifted = await session.ExecuteAsync(
            "UPDATE consent_blocks SET lifted_by_user = @UserId, lifted_at = @LiftedAt WHERE block_id = @BlockId AND lifted_at IS NULL",
            new { grant.Actor.UserId, LiftedAt = liftedAt, BlockId = blockId.ToString() });
        if (lifted == 0)
        {
            return Problems.Conflict("Spärren är redan hävd.");
        }

        await session.EnqueueAsync(Recorded(AuditActions.BlockLifted, grant.Actor, block, liftedAt));
        await inputs.CommitChangeAsync(session, block.PersonRef);
        return TypedResults.Ok((block with { LiftedBy = grant.Actor.UserId, LiftedAt = liftedAt }).ToView());
    }

    private static AccessRecorded Recorded(string action, Actor actor, StoredBlock block, DateTimeOffset at) => new()
    {
        Action = action, Actor = actor, PersonRef = block.PersonRef, RecipientParty = block.ToParty, RecipientUnitId = block.ToUnitId,
        Categories = block.Categories, Reason = block.Reason, OccurredAt = at,
    };
}
