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
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.HealthCare.Referrals;

/// <summary>
/// A clinician refers a person to an IPS unit. The referral carries exactly the <c>referral</c> and
/// <c>contact</c> categories, and leaves only when an active consent lets the receiving unit have them.
/// </summary>
public static class SubmitReferral
{
    private static readonly string[] SharedCategories = [DataCategories.Referral, DataCategories.Contact];
    private static readonly IReadOnlyList<string> Channels = RequestCodes.ContactChannels;

    public static void MapSubmitReferral(this RouteGroupBuilder group) =>
        group.MapPost("/referrals", HandleAsync).WithSummary("Refer a person to an IPS unit").DisclosesNothing();

    private static async Task<Results<Accepted<SubmitReferralResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        SubmitReferralRequest request, Grant grant,
        ConsentedSharing<HealthCareService> sharing, FinsamDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grant.Actor.Party != Parties.HealthCare || grant.Actor.UnitId is null)
        {
            return Problems.Forbidden("Endast vårdens medarbetare kan skicka remisser härifrån.");
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
            new ProposedShare(request.PersonRef!, Parties.HealthCare, Parties.Municipality, request.ToUnitId, SharedCategories, Purposes.IpsSupport),
            grant.Actor,
            async (session, share) =>
            {
                var referral = new ReferralSubmitted
                {
                    ReferralId = referralId,
                    SharingParty = Parties.HealthCare,
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
                    Contact = new ContactDetails(request.Contact!.Name!.Trim(), Blank(request.Contact.Phone), Blank(request.Contact.Email), Blank(request.Contact.PreferredChannel)),
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

        return TypedResults.Accepted($"/healthcare/referrals/{referralId}", new SubmitReferralResponse(referralId, ReferralStatuses.Sent));
    }

    private static ValidationErrors Validate(SubmitReferralRequest request, FinsamDirectory directory)
    {
        var errors = new ValidationErrors()
            .Require(PersonRef.IsValid(request.PersonRef), "personRef", "Ange en giltig personreferens (från personuppslaget).")
            .Require(directory.FindUnit(request.ToUnitId)?.Party == Parties.Municipality, "toUnitId", "Okänd IPS-enhet.")
            .RequireText(request.Reason, "reason", "Ange anledningen till remissen.")
            .RequireText(request.OwnGoal, "ownGoal", "Ange personens eget mål och önskan om arbete.");
        if (request.Contact is null)
        {
            return errors.Add("contact", "Ange kontaktuppgifter.");
        }

        return errors
            .RequireText(request.Contact.Name, "contact.name", "Ange personens namn.", 200)
            .OptionalPhone(Blank(request.Contact.Phone), "contact.phone")
            .OptionalEmail(Blank(request.Contact.Email), "contact.email")
            .Require(string.IsNullOrWhiteSpace(request.Contact.PreferredChannel) || Channels.Contains(request.Contact.PreferredChannel), "contact.preferredChannel", "Välj phone, sms, email, letter eller in-person.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
