using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Api;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Consents;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Consent;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>
/// A clinician, social worker, AF or FK officer refers a person to an IPS unit or a coordination team. The referral
/// carries exactly the <c>referral</c> and <c>contact</c> categories, and leaves only when an active consent lets the
/// receiving unit have them; a referral within the municipality (social services to its IPS unit) too, since they are
/// separate activities under secrecy (OSL 8:2).
/// </summary>
public static class SubmitReferral
{
    private static readonly string[] SharedCategories = [DataCategories.Referral, DataCategories.Contact];

    public static void MapSubmitReferral<TService>(this RouteGroupBuilder group)
        where TService : IFinsamService =>
        group.MapPost("/referrals", HandleAsync<TService>).WithSummary("Refer a person to an IPS unit or a coordination team").DisclosesNothing();

    private static async Task<Results<Accepted<SubmitReferralResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync<TService>(
        SubmitReferralRequest request, Grant grant, ReferringParty<TService> referrer,
        ConsentedSharing<TService> sharing, FinsamDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
        where TService : IFinsamService
    {
        if (grant.Actor.Party != referrer.Party || grant.Actor.UnitId is null || !Referrers.MayRefer(referrer.Party, grant.Actor.Role))
        {
            return Problems.Forbidden("Remisser till IPS skickas av behandlare, socialsekreterare och handläggare på Arbetsförmedlingen och Försäkringskassan.");
        }

        var errors = Validate(request, directory);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (grant.PersonRef != request.PersonRef)
        {
            return Problems.Forbidden("Anropet gäller en annan person än remissen.");
        }

        var referralId = Guid.CreateVersion7();
        var decided = await sharing.ShareOrDenyAsync(
            new ProposedShare(request.PersonRef!, referrer.Party, Parties.Municipality, request.ToUnitId, SharedCategories, Purposes.IpsSupport),
            grant.Actor,
            async (session, share) =>
            {
                var referral = new ReferralSubmitted
                {
                    ReferralId = referralId,
                    SharingParty = referrer.Party,
                    SharingUnitId = grant.Actor.UnitId,
                    SharingUnitName = directory.FindUnit(grant.Actor.UnitId)?.Name,
                    ReceivingParty = Parties.Municipality,
                    ReceivingUnitId = request.ToUnitId,
                    PersonRef = request.PersonRef!,
                    Categories = SharedCategories,
                    Purpose = Purposes.IpsSupport,
                    ConsentId = share.ConsentId,
                    ActingUser = grant.Actor,
                    OccurredAt = clock.GetUtcNow(),
                    Reason = request.Reason!.Trim(),
                    OwnGoal = request.OwnGoal!.Trim(),
                    Contact = ReferralRules.ContactOf(request.Contact!),
                };
                await ReferralStore.InsertAsync(session, referral);
                await session.EnqueueAsync(referral);
            },
            cancellationToken);
        if (!decided.Permitted)
        {
            return Problems.ConsentRequired(
                "Det finns inget giltigt samtycke som låter IPS-enheten ta emot remiss och kontaktuppgifter för IPS-stöd.");
        }

        return TypedResults.Accepted($"/{TService.Name}/referrals/{referralId}", new SubmitReferralResponse(referralId, ReferralStatuses.Sent));
    }

    private static ValidationErrors Validate(SubmitReferralRequest request, FinsamDirectory directory) =>
        ReferralRules.Content(
            new ValidationErrors()
                .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens (från personuppslaget).")
                .Require(ReferralRules.Receives(directory, request.ToUnitId), "toUnitId", ReferralRules.UnknownUnit),
            request.Reason, request.OwnGoal, request.Contact);
}
