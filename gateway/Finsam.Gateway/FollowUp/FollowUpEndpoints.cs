using Finsam.Contracts.Api.FollowUp;
using Finsam.Contracts.Codes;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.FollowUp;

/// <summary>
/// Use 4: the samordningsförbund follows up what it funds, from de-identified figures (issue 13). Only analysts; the
/// follow-up service decides which interventions are theirs. Analysts reach no other route, so nothing personal.
/// </summary>
public static class FollowUpEndpoints
{
    private const string Service = "follow-up";

    public static void MapFollowUp(this RouteGroupBuilder api)
    {
        var followUp = api.MapGroup("/follow-up").RequireAuthorization(GatewayPolicies.Analyst);
        followUp.MapGet("/interventions", (HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, "follow-up/interventions", Scope(context), context.RequestAborted))
            .Produces<List<InterventionView>>().WithSummary("The analyst's association's interventions");
        followUp.MapGet("/interventions/{interventionId}/report", (string interventionId, HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, $"follow-up/interventions/{Uri.EscapeDataString(interventionId)}/report{context.Request.QueryString}", Scope(context), context.RequestAborted))
            .Produces<FollowUpReport>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An intervention's report for a period, as of a date (?from=&to=&asOf=&format=csv)");
        followUp.MapGet("/associations/{associationId}/summary", (string associationId, HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, $"follow-up/associations/{Uri.EscapeDataString(associationId)}/summary", Scope(context), context.RequestAborted))
            .Produces<AssociationSummary>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The association's interventions side by side");
    }

    private static GrantScope Scope(HttpContext context) => new(context.User.ToActor(), Purposes.Statistics);
}
