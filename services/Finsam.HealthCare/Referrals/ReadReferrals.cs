using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.HealthCare.Referrals;

/// <summary>The referring unit follows its referrals. Other units get 404: they must not learn that a referral exists.</summary>
public static class ReadReferrals
{
    public static void MapReadReferrals(this RouteGroupBuilder group)
    {
        group.MapGet("/referrals/{referralId:guid}", GetAsync).WithSummary("One referral with its status history");
        group.MapGet("/referrals", ListAsync).WithSummary("The caller's unit's referrals, newest first");
    }

    private static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> GetAsync(
        Guid referralId, Grant grant, ServiceDatabase<HealthCareService> database, CancellationToken cancellationToken)
    {
        if (grant.Actor.Party != Parties.HealthCare || grant.Actor.UnitId is null)
        {
            return Problems.NotFound("Remissen finns inte.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var referral = await ReferralStore.FindForUnitAsync(session, referralId, grant.Actor.UnitId);
        return referral is null ? Problems.NotFound("Remissen finns inte.") : TypedResults.Ok(referral);
    }

    private static async Task<Ok<IReadOnlyList<ReferralView>>> ListAsync(
        Grant grant, ServiceDatabase<HealthCareService> database, CancellationToken cancellationToken)
    {
        if (grant.Actor.Party != Parties.HealthCare || grant.Actor.UnitId is null)
        {
            return TypedResults.Ok<IReadOnlyList<ReferralView>>([]);
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Ok(await ReferralStore.ListForUnitAsync(session, grant.Actor.UnitId));
    }
}
