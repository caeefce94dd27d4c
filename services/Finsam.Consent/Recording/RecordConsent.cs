using System.Globalization;
using Finsam.Consent.Deciding;
using Finsam.Consent.Store;
using Finsam.Contracts.Api.Consents;
using Finsam.Contracts.Api;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Consent.Recording;

/// <summary>
/// Records a consent. Under OSL a consent lifts secrecy only when it names the parties, the information,
/// the purpose and the duration, so each of them is required here.
/// </summary>
public static class RecordConsent
{
    private static readonly IReadOnlyList<string> Methods = RequestCodes.ConsentMethods;
    private static readonly IReadOnlyList<string> Kinds = RequestCodes.ConsentKinds;

    /// <summary>A consent may not be general; an end date further away than this is refused.</summary>
    private const int MaxYears = 3;

    public static void MapRecordConsent(this RouteGroupBuilder group) =>
        group.MapPost("/consents", HandleAsync).WithSummary("Record a person's consent");

    private static async Task<Results<Created<ConsentResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RecordConsentRequest request, Grant grant, ServiceDatabase<ConsentService> database, DecisionInputs inputs,
        FinsamDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = SwedishTime.Today(clock);
        var errors = Validate(request, directory, today, out var validUntil)
            // Staff record what the person agreed to elsewhere, so they say where it is documented; the person's own is.
            .Require(grant.Actor.Role == Roles.Resident || !string.IsNullOrWhiteSpace(request.DocumentRef), "documentRef",
                "Ange var samtycket finns dokumenterat: var den undertecknade blanketten förvaras, eller journal- eller aktanteckningen för ett muntligt samtycke.")
            .OptionalText(request.DocumentRef, "documentRef", 300);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var provisions = (request.Provisions ?? [])
            .Select(p => new ConsentProvision(p!.ToParty!, string.IsNullOrWhiteSpace(p.ToUnitId) ? null : p.ToUnitId, [.. p.Categories!.Distinct()!]))
            .ToList();
        var consent = new StoredConsent(
            Guid.CreateVersion7(), request.PersonRef!, request.Kind!, request.Purpose!, request.Method!, validUntil, request.Note,
            provisions, RecordedBy.Of(grant.Actor),
            clock.GetUtcNow(), null, null,
            request.Study is { } study ? new ConsentStudy(study.Name!.Trim(), study.Principal!.Trim()) : null, request.Replaces)
        {
            DocumentRef = grant.Actor.Role == Roles.Resident ? null : request.DocumentRef!.Trim(),
        };

        await using var session = await database.BeginAsync(cancellationToken);
        if (request.Replaces is { } replaced && await SupersedeAsync(session, replaced, consent, grant.Actor) is { } refusal)
        {
            return refusal;
        }

        await InsertAsync(session, consent);
        await session.EnqueueAsync(new ConsentGranted(
            consent.ConsentId, consent.PersonRef, consent.Kind, consent.Purpose, consent.ValidUntil, consent.Provisions,
            grant.Actor, consent.RecordedAt));
        await inputs.CommitChangeAsync(session, consent.PersonRef);

        return TypedResults.Created($"/consent/consents/{consent.ConsentId}", consent.ToResponse(today));
    }

    /// <summary>
    /// Marks <paramref name="replacedId"/> superseded by <paramref name="consent"/>, in the same commit, or says why
    /// not. The old consent is not edited: it keeps what it said and stops permitting, as if revoked, so every
    /// service that follows consents hears of it the same way.
    /// </summary>
    private static async Task<ProblemHttpResult?> SupersedeAsync(DbSession session, Guid replacedId, StoredConsent consent, Actor actor)
    {
        var replaced = await ConsentQueries.ByIdAsync(session, replacedId);
        if (replaced is null || !replaced.Concerns(actor) || replaced.PersonRef != consent.PersonRef)
        {
            return Problems.NotFound("Samtycket som ska ersättas finns inte för den här personen.");
        }

        if (replaced.Kind != consent.Kind)
        {
            return Problems.Conflict("Ett samtycke ersätts av ett nytt av samma typ.");
        }

        var superseded = await session.ExecuteAsync(
            """
            UPDATE consents SET superseded_by = @ConsentId, revoked_at = @At, revoked_by_user = @UserId, revoke_reason = @Reason
            WHERE consent_id = @ReplacedId AND revoked_at IS NULL
            """,
            new { ConsentId = consent.ConsentId.ToString(), At = consent.RecordedAt, actor.UserId, Reason = SupersededReason, ReplacedId = replacedId.ToString() });
        if (superseded == 0)
        {
            return Problems.Conflict("Samtycket som ska ersättas är redan återkallat eller ersatt.");
        }

        await session.EnqueueAsync(new ConsentRevoked(replacedId, replaced.PersonRef, SupersededReason, actor, consent.RecordedAt));
        return null;
    }

    private const string SupersededReason = "Ersatt av ett nytt samtycke.";

    private static ValidationErrors Validate(RecordConsentRequest request, FinsamDirectory directory, DateOnly today, out DateOnly validUntil)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens (från personuppslaget).")
            .Require(Kinds.Contains(request.Kind), "kind", "Ange typ av samtycke: sharing eller statistics.")
            .Require(Purposes.Consentable.Contains(request.Purpose), "purpose", "Ange ändamål: ips-support, coordination, statistics eller research.")
            // A research consent is for a named study only (DOMAIN.md): its own purpose, a study and its principal.
            .Require(request.Kind is null || request.Purpose is null || (request.Kind == ConsentKinds.Research) == (request.Purpose == Purposes.Research),
                "purpose", "Ett forskningssamtycke har ändamålet research, och bara det.")
            // Statistics consent is its own kind and never lifts secrecy for sharing (DOMAIN.md).
            .Require(request.Kind is null || request.Purpose is null || (request.Kind == ConsentKinds.Statistics) == (request.Purpose == Purposes.Statistics),
                "purpose", "Ett statistiksamtycke har ändamålet statistics; ett delningssamtycke har ips-support eller coordination.")
            .Require(Methods.Contains(request.Method), "method", "Ange hur samtycket lämnades: written, verbal eller digital.")
            .OptionalText(request.Note, "note", 2000);

        validUntil = default;
        if (!DateOnly.TryParseExact(request.ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out validUntil))
        {
            errors.Add("validUntil", "Ange slutdatum som ÅÅÅÅ-MM-DD; ett samtycke måste vara tidsbegränsat.");
        }
        else if (validUntil < today)
        {
            errors.Add("validUntil", "Slutdatumet har redan passerat.");
        }
        else if (validUntil > today.AddYears(MaxYears))
        {
            errors.Add("validUntil", $"Ett samtycke får gälla högst {MaxYears} år; förnya det hellre när det löper ut.");
        }

        if (request.Kind == ConsentKinds.Research)
        {
            errors.RequireText(request.Study?.Name, "study.name", "Ange studiens namn.", 300)
                .RequireText(request.Study?.Principal, "study.principal", "Ange studiens forskningshuvudman.", 300)
                .Require(request.Provisions is not { Count: > 0 }, "provisions", "Ett forskningssamtycke lämnar inga uppgifter till någon part.");
            return errors;
        }

        errors.Require(request.Study is null, "study", "Bara ett forskningssamtycke anger en studie.");
        if (request.Kind == ConsentKinds.Statistics)
        {
            // It names no recipient (API.md): only the follow-up service uses it, to link the person's de-identified events.
            return errors.Require(request.Provisions is not { Count: > 0 }, "provisions", "Ett statistiksamtycke lämnar inga uppgifter till någon part.");
        }

        if (request.Provisions is not { Count: > 0 })
        {
            errors.Add("provisions", "Ange minst en mottagande part och vilka uppgifter den får ta emot.");
            return errors;
        }

        for (var i = 0; i < request.Provisions.Count; i++)
        {
            ValidateProvision(request.Provisions[i], $"provisions[{i}]", directory, errors);
        }

        return errors;
    }

    private static void ValidateProvision(ProvisionRequest? provision, string field, FinsamDirectory directory, ValidationErrors errors)
    {
        if (provision is null)
        {
            errors.Add(field, "Tom mottagare.");
            return;
        }

        if (!Parties.IsValid(provision.ToParty))
        {
            errors.Add($"{field}.toParty", "Okänd part.");
        }
        else if (!string.IsNullOrWhiteSpace(provision.ToUnitId) && directory.FindUnit(provision.ToUnitId)?.Party != provision.ToParty)
        {
            errors.Add($"{field}.toUnitId", "Okänd enhet för den parten.");
        }

        if (provision.Categories is not { Count: > 0 })
        {
            errors.Add($"{field}.categories", "Ange vilka uppgifter som får lämnas.");
        }
        else if (!provision.Categories.All(DataCategories.IsValid))
        {
            errors.Add($"{field}.categories", "Okänd informationskategori.");
        }
    }

    private static async Task InsertAsync(DbSession session, StoredConsent consent)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO consents (consent_id, person_ref, kind, purpose, method, valid_until, note,
                                  recorded_by_user, recorded_by_role, recorded_by_party, recorded_by_unit, recorded_at,
                                  study_name, study_principal, replaces_consent_id, document_ref)
            VALUES (@ConsentId, @PersonRef, @Kind, @Purpose, @Method, @ValidUntil, @Note,
                    @RecordedByUser, @RecordedByRole, @RecordedByParty, @RecordedByUnit, @RecordedAt,
                    @StudyName, @StudyPrincipal, @Replaces, @DocumentRef)
            """,
            new
            {
                ConsentId = consent.ConsentId.ToString(),
                consent.PersonRef,
                consent.Kind,
                consent.Purpose,
                consent.Method,
                ValidUntil = consent.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                consent.Note,
                RecordedByUser = consent.RecordedBy.UserId,
                RecordedByRole = consent.RecordedBy.Role,
                RecordedByParty = consent.RecordedBy.Party,
                RecordedByUnit = consent.RecordedBy.UnitId,
                consent.RecordedAt,
                StudyName = consent.Study?.Name,
                StudyPrincipal = consent.Study?.Principal,
                Replaces = consent.Replaces?.ToString(),
                consent.DocumentRef,
            });

        for (var i = 0; i < consent.Provisions.Count; i++)
        {
            var provision = consent.Provisions[i];
            await session.ExecuteAsync(
                """
                INSERT INTO consent_provisions (consent_id, position, to_party, to_unit_id, categories)
                VALUES (@ConsentId, @Position, @ToParty, @ToUnitId, @Categories)
                """,
                new { ConsentId = consent.ConsentId.ToString(), Position = i, provision.ToParty, provision.ToUnitId, Categories = string.Join(' ', provision.Categories) });
        }
    }
}
