using System.Globalization;
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

    private static async Task<Results<Created<ConsentResponse>, ValidationProblem>> HandleAsync(
        RecordConsentRequest request, Grant grant, ServiceDatabase<ConsentService> database, FinsamDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = SwedishTime.Today(clock);
        var errors = Validate(request, directory, today, out var validUntil);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var provisions = request.Provisions!
            .Select(p => new ConsentProvision(p!.ToParty!, string.IsNullOrWhiteSpace(p.ToUnitId) ? null : p.ToUnitId, [.. p.Categories!.Distinct()!]))
            .ToList();
        var consent = new StoredConsent(
            Guid.CreateVersion7(), request.PersonRef!, request.Kind!, request.Purpose!, request.Method!, validUntil, request.Note,
            provisions, new RecordedBy(grant.Actor.UserId, grant.Actor.Role, grant.Actor.Party, grant.Actor.UnitId),
            clock.GetUtcNow(), null, null);

        await using var session = await database.BeginAsync(cancellationToken);
        await InsertAsync(session, consent);
        await session.EnqueueAsync(new ConsentGranted(
            consent.ConsentId, consent.PersonRef, consent.Kind, consent.Purpose, consent.ValidUntil, consent.Provisions,
            grant.Actor, consent.RecordedAt));
        await session.CommitAsync();

        return TypedResults.Created($"/consent/consents/{consent.ConsentId}", consent.ToResponse(today));
    }

    private static ValidationErrors Validate(RecordConsentRequest request, FinsamDirectory directory, DateOnly today, out DateOnly validUntil)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens (från personuppslaget).")
            .Require(Kinds.Contains(request.Kind), "kind", "Ange typ av samtycke: sharing eller statistics.")
            .Require(Purposes.Consentable.Contains(request.Purpose), "purpose", "Ange ändamål: ips-support, coordination eller statistics.")
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
                                  recorded_by_user, recorded_by_role, recorded_by_party, recorded_by_unit, recorded_at)
            VALUES (@ConsentId, @PersonRef, @Kind, @Purpose, @Method, @ValidUntil, @Note,
                    @RecordedByUser, @RecordedByRole, @RecordedByParty, @RecordedByUnit, @RecordedAt)
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
