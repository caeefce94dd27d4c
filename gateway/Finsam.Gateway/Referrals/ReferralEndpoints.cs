using Finsam.Contracts.Api.Referrals;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Sections;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.Referrals;

/// <summary>
/// Use 1 from the referrer's side: send a referral and follow it, at the referrer's own party's service (health care,
/// the municipality's social services, the AF or FK adapter). The statuses after "sent" are the IPS unit's
/// <c>ips.plan</c> data; the referrer's service declares them, so showing them is a recorded view.
/// </summary>
public static class ReferralEndpoints
{
    public static void MapReferrals(this RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/referrals").RequireAuthorization(GatewayPolicies.Referrer);
        referrals.MapPost("", SubmitAsync).AcceptsJson<SubmitReferralRequest>()
            .Produces<SubmitReferralResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().WithSummary("Refer a person to an IPS unit (needs consent for referral and contact)");
        referrals.MapGet("", (HttpContext context, ServiceApis services) =>
            services.GetAsync(ServiceOf(context), $"{ServiceOf(context)}/referrals", Scope(context), context.RequestAborted))
            .Produces<List<ReferralView>>().WithSummary("The caller's unit's referrals");
        referrals.MapGet("/{referralId:guid}", (Guid referralId, HttpContext context, ServiceApis services) =>
            services.GetAsync(ServiceOf(context), $"{ServiceOf(context)}/referrals/{referralId}", Scope(context), context.RequestAborted))
            .Produces<ReferralView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A referral and what the IPS unit has reported back");
    }

    private static GrantScope Scope(HttpContext context) => new(context.User.ToActor(), Purposes.IpsSupport);

    /// <summary>The service that holds the caller's party's referrals (the policy let only the four referring roles in).</summary>
    private static string ServiceOf(HttpContext context) => SectionCatalogue.ServiceOf(context.User.ToActor().Party);

    private static async Task<IResult> SubmitAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SubmitReferralRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var scope = new GrantScope(context.User.ToActor(), Purposes.IpsSupport, PersonRef.IsValid(body.PersonRef) ? body.PersonRef : null,
            [DataCategories.Referral, DataCategories.Contact]);
        return await services.PostAsync(ServiceOf(context), $"{ServiceOf(context)}/referrals", scope, body, cancellationToken);
    }
}
