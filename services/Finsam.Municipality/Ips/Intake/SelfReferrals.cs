using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Referrals;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Referrals;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Intake;

/// <summary>
/// Self-referral (egen anmälan): the person comes to the unit themself, so what they tell it is the unit's own record
/// and no consent is asked. A coordinator registers one that came by phone, letter or in person, in their own unit; the
/// person, signed in, sends their own to an IPS unit or coordination team. Either joins the unit's queue like a
/// referral, with nobody to report back to.
/// </summary>
public static class SelfReferrals
{
    public static void MapSelfReferrals(this RouteGroupBuilder group)
    {
        group.MapPost("/self-referrals", RegisterAsync).WithSummary("Register a self-referral received by phone, letter or in person").DisclosesNothing();
        group.MapPost("/own-referrals", SendOwnAsync).WithSummary("The person refers themself").DisclosesNothing();
    }

    private static async Task<Results<Created<SelfReferralRegistered>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterSelfReferralRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, FinsamDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Coordinator || grant.Actor.Party != Parties.Municipality || !ReferralRules.Receives(directory, grant.Actor.UnitId))
        {
            return Problems.Forbidden("Egna anmälningar registreras av IPS-enhetens samordnare.");
        }

        var errors = ReferralRules.Content(
            new ValidationErrors()
                .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens (från personuppslaget).")
                .Require(request.ReceivedVia is not null && Referrers.ReceivedVia.Contains(request.ReceivedVia), "receivedVia", "Välj hur anmälan kom in: phone, letter, in-person eller digital."),
            request.Reason, request.OwnGoal, request.Contact);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (grant.PersonRef != request.PersonRef)
        {
            return Problems.Forbidden("Anropet gäller en annan person än anmälan.");
        }

        var ipsCase = await QueueAsync(database, request.PersonRef!, grant.Actor.UnitId!, request.Reason!, request.OwnGoal!, request.Contact!, request.ReceivedVia!, grant.Actor, clock, cancellationToken);
        return TypedResults.Created($"/municipality/ips/cases/{ipsCase.CaseId}", new SelfReferralRegistered(ipsCase.CaseId));
    }

    private static async Task<Results<Accepted<SubmitReferralResponse>, ValidationProblem, ProblemHttpResult>> SendOwnAsync(
        OwnReferralRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, FinsamDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Resident || !PersonRef.IsValid(grant.Actor.UserId))
        {
            return Problems.Forbidden("Här anmäler man sig själv.");
        }

        var errors = ReferralRules.Content(
            new ValidationErrors().Require(ReferralRules.Receives(directory, request.ToUnitId), "toUnitId", ReferralRules.UnknownUnit),
            request.Reason, request.OwnGoal, request.Contact);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var ipsCase = await QueueAsync(database, grant.Actor.UserId, request.ToUnitId!, request.Reason!, request.OwnGoal!, request.Contact!, "digital", grant.Actor, clock, cancellationToken);
        return TypedResults.Accepted($"/municipality/ips/own-referrals/{ipsCase.ReferralId}", new SubmitReferralResponse(ipsCase.ReferralId, ReferralStatuses.Received));
    }

    private static async Task<IpsCase> QueueAsync(
        ServiceDatabase<MunicipalityService> database, string personRef, string unitId, string reason, string ownGoal, ContactRequest contact,
        string receivedVia, Contracts.Sharing.Actor registeredBy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ipsCase = new IpsCase
        {
            CaseId = Guid.CreateVersion7(),
            ReferralId = Guid.CreateVersion7(),
            PersonRef = personRef,
            UnitId = unitId,
            ReferringParty = Referrers.Self,
            Reason = reason.Trim(),
            OwnGoal = ownGoal.Trim(),
            Contact = ReferralRules.ContactOf(contact),
            ReceivedVia = receivedVia,
            Status = CaseStatus.Queued,
            ReceivedAt = now,
            StatusSince = now,
        };
        await using var session = await database.BeginAsync(cancellationToken);
        await CaseStore.InsertAsync(session, ipsCase);
        await CaseStore.AppendHistoryAsync(session, ipsCase.CaseId, CaseStatus.Queued, registeredBy.UserId, now);
        await session.CommitAsync();
        return ipsCase;
    }
}
