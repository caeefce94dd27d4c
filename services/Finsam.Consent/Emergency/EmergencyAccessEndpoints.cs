using Finsam.Consent.Blocking;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api.EmergencyAccess;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sections;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finsam.Consent.Emergency;

/// <summary>
/// Emergency access (nödöppning, docs/adr/0025): a clinician or social worker opens categories of a person who cannot
/// consent, with a reason and a listed legal basis, for a configured time. Opening is its own audit record; what it
/// opens is decided here, next to the blocks it must respect, and read through the gateway by its opener alone.
/// </summary>
public static class EmergencyAccessEndpoints
{
    /// <summary>Who may open: the professions with a duty to act for a person in need (health care, social services).</summary>
    public static readonly IReadOnlyList<string> OpenedBy = [Roles.Clinician, Roles.SocialWorker];

    public static void MapEmergencyAccess(this RouteGroupBuilder group)
    {
        group.MapGet("/emergency-access/legal-bases", (IOptions<EmergencyAccessOptions> options) =>
                TypedResults.Ok(options.Value.LegalBases.Select(b => new LegalBasis(b.Code, b.Label, b.Statute)).ToList()))
            .WithSummary("The configured legal bases for disclosure without consent");
        group.MapPost("/emergency-access", OpenAsync).WithSummary("Open emergency access");
        group.MapGet("/emergency-access/{accessId:guid}", ReadAsync).WithSummary("An emergency access, for its opener");
        group.MapGet("/persons/{personRef}/emergency-access", ListAsync).WithSummary("The emergency accesses the caller opened for a person");
    }

    /// <summary>The section categories a source holds: what an emergency access can open (not referral, contact or meeting notes).</summary>
    private static IEnumerable<string> Openable => SectionCatalogue.ByParty.Values.SelectMany(c => c);

    private static async Task<Results<Created<EmergencyAccessOpened>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        OpenEmergencyAccessRequest request, Grant grant, ServiceDatabase<ConsentService> database, IOptions<EmergencyAccessOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!OpenedBy.Contains(grant.Actor.Role))
        {
            return Problems.Forbidden("Nödöppning kan bara göras av behandlare och socialsekreterare.");
        }

        var basis = options.Value.LegalBases.FirstOrDefault(b => b.Code == request.LegalBasis);
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Okänd personreferens.")
            .Require(request.Categories is { Count: > 0 } && request.Categories.All(c => c is not null && Openable.Contains(c)), "categories", "Ange vilka uppgifter som behövs.")
            .RequireText(request.Reason, "reason", "Ange varför uppgifterna behövs nu och varför personen inte kan samtycka.", 2000)
            .Require(basis is not null, "legalBasis", "Ange en av de angivna lagliga grunderna för utlämnande utan samtycke.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var access = new StoredEmergencyAccess(
            Guid.CreateVersion7(), request.PersonRef!, [.. request.Categories!.Distinct()!], request.Reason!.Trim(), basis!.Code,
            RecordedBy.Of(grant.Actor), now, now + options.Value.Duration);
        await using var session = await database.BeginAsync(cancellationToken);
        await EmergencyAccessQueries.InsertAsync(session, access);
        await session.EnqueueAsync(new AccessRecorded
        {
            Action = AuditActions.EmergencyAccessOpened, Actor = grant.Actor, PersonRef = access.PersonRef, RecipientParty = grant.Actor.Party,
            RecipientUnitId = grant.Actor.UnitId, Categories = access.Categories, Purpose = Purposes.Emergency,
            Reason = ReasonOf(basis, access.Reason), OccurredAt = now,
        });
        await session.CommitAsync();
        return TypedResults.Created($"/consent/emergency-access/{access.AccessId}", new EmergencyAccessOpened(access.AccessId, access.ValidUntil));
    }

    private static async Task<Results<Ok<EmergencyAccessView>, ProblemHttpResult>> ReadAsync(
        Guid accessId, Grant grant, ServiceDatabase<ConsentService> database, IOptions<EmergencyAccessOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var session = await database.ConnectAsync(cancellationToken);
        var access = await EmergencyAccessQueries.ByIdAsync(session, accessId);
        // Opened for one member of staff: nobody else, not even a colleague of the same unit, learns that it exists.
        if (access is null || access.OpenedBy.UserId != grant.Actor.UserId)
        {
            return Problems.NotFound("Nödöppningen finns inte.");
        }

        var blocks = await BlockQueries.ForPersonAsync(session, access.PersonRef);
        return TypedResults.Ok(access.ToView(blocks, options.Value.LegalBases.FirstOrDefault(b => b.Code == access.LegalBasis), clock.GetUtcNow()));
    }

    /// <summary>
    /// The caller's own emergency accesses for a person, active and ended, so that the person's page can say in words what
    /// was opened, why and until when. Like a single access, a colleague's are not listed.
    /// </summary>
    private static async Task<Results<Ok<List<EmergencyAccessView>>, ProblemHttpResult>> ListAsync(
        string personRef, Grant grant, ServiceDatabase<ConsentService> database, IOptions<EmergencyAccessOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.NotFound("Okänd personreferens.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var accesses = await EmergencyAccessQueries.OpenedByAsync(session, personRef, grant.Actor.UserId);
        var blocks = accesses.Count == 0 ? [] : await BlockQueries.ForPersonAsync(session, personRef);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(accesses
            .Select(a => a.ToView(blocks, options.Value.LegalBases.FirstOrDefault(b => b.Code == a.LegalBasis), now))
            .ToList());
    }

    /// <summary>What the log says of the basis and the reason: the follow-up reads both.</summary>
    public static string ReasonOf(LegalBasisOption basis, string reason)
    {
        var text = $"{basis.Code} ({basis.Statute}): {reason}";
        return text.Length <= 500 ? text : text[..500];
    }
}
