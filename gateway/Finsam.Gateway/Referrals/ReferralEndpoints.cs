using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Contracts.Referrals;
using Finsam.Gateway.Access;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.Referrals;

/// <summary>Use 1 from the referrer's side: send a referral and follow it.</summary>
public static class ReferralEndpoints
{
    private const string Service = "healthcare";

    public static void MapReferrals(this RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/referrals").RequireAuthorization(GatewayPolicies.Clinician);
        referrals.MapPost("", SubmitAsync).WithSummary("Refer a person to an IPS unit (needs consent for referral and contact)");
        referrals.MapGet("", ListAsync).WithSummary("The caller's unit's referrals");
        referrals.MapGet("/{referralId:guid}", GetAsync).WithSummary("A referral and what the IPS unit has reported back");
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var personRef = body.StringOf("personRef");
        var scope = new GrantScope(context.User.ToActor(), Purposes.IpsSupport, PersonRef.IsValid(personRef) ? personRef : null,
            [DataCategories.Referral, DataCategories.Contact]);
        return (await services.PostAsync(Service, "healthcare/referrals", scope, body, cancellationToken)).ToResult();
    }

    private static async Task<IResult> ListAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken) =>
        (await services.GetAsync(Service, "healthcare/referrals", new GrantScope(context.User.ToActor(), Purposes.IpsSupport), cancellationToken)).ToResult();

    /// <summary>
    /// The statuses after "sent" are the IPS unit's <c>ips.plan</c> data, so opening them is a view of shared
    /// data and is recorded before the answer leaves.
    /// </summary>
    private static async Task<IResult> GetAsync(
        Guid referralId, HttpContext context, ServiceApis services, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var response = await services.GetAsync(Service, $"healthcare/referrals/{referralId}", new GrantScope(actor, Purposes.IpsSupport), cancellationToken);
        if (response.IsSuccess && response.Json.StringOf("status") is { } status && status != ReferralStatuses.Sent)
        {
            await accessLog.RecordViewAsync(
                actor, response.Json, Parties.Municipality, [DataCategories.IpsPlan], Purposes.IpsSupport, cancellationToken, consentProperty: "reportConsentId");
        }

        return response.ToResult();
    }
}
