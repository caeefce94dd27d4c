using Finsam.Contracts.Api.Referrals;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Referrals;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Finsam.ServiceDefaults.Referrals;

/// <summary>The referring unit follows its referrals. Other units get 404: they must not learn that a referral exists.</summary>
public static class ReadReferrals
{
    public static void MapReadReferrals<TService>(this RouteGroupBuilder group)
        where TService : IFinsamService
    {
        group.MapGet("/referrals/{referralId:guid}", GetAsync<TService>).WithSummary("One referral with its status history");
        group.MapGet("/referrals", ListAsync<TService>).WithSummary("The caller's unit's referrals, newest first");
    }

    private static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> GetAsync<TService>(
        Guid referralId, Grant grant, ServiceDatabase<TService> database, ReferringParty<TService> referrer, HttpContext context, CancellationToken cancellationToken)
        where TService : IFinsamService
    {
        if (grant.Actor.Party != referrer.Party || grant.Actor.UnitId is null)
        {
            return Problems.NotFound("Remissen finns inte.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var referral = await ReferralStore.FindForUnitAsync(session, referralId, grant.Actor.UnitId);
        if (referral is null)
        {
            return Problems.NotFound("Remissen finns inte.");
        }

        DiscloseReports(context, [referral]);
        return TypedResults.Ok(referral);
    }

    /// <summary>
    /// The statuses after "sent" are the IPS unit's <c>ips.plan</c> data, reported under a consent: showing them
    /// is a view of the municipality's data.
    /// </summary>
    private static void DiscloseReports(HttpContext context, IEnumerable<ReferralView> referrals)
    {
        context.DiscloseNothing();
        foreach (var referral in referrals.Where(r => r.Status != ReferralStatuses.Sent))
        {
            context.Disclose(new Disclosure(referral.PersonRef, Parties.Municipality, [DataCategories.IpsPlan], Purposes.IpsSupport,
                Guid.TryParse(referral.ReportConsentId, out var consentId) ? consentId : null));
        }
    }

    private static async Task<Ok<IReadOnlyList<ReferralView>>> ListAsync<TService>(
        Grant grant, ServiceDatabase<TService> database, ReferringParty<TService> referrer, HttpContext context, CancellationToken cancellationToken)
        where TService : IFinsamService
    {
        if (grant.Actor.Party != referrer.Party || grant.Actor.UnitId is null)
        {
            context.DiscloseNothing();
            return TypedResults.Ok<IReadOnlyList<ReferralView>>([]);
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var referrals = await ReferralStore.ListForUnitAsync(session, grant.Actor.UnitId);
        DiscloseReports(context, referrals);
        return TypedResults.Ok(referrals);
    }
}
