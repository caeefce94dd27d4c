using Finsam.Contracts.Audit;
using Finsam.Contracts.Codes;
using Finsam.Gateway.Access;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.AuditReview;

/// <summary>Use 3: auditors review who saw what. Their own searches are recorded too.</summary>
public static class AuditEndpoints
{
    private const string Service = "audit";

    public static void MapAuditReview(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(GatewayPolicies.Auditor);
        audit.MapGet("/records", SearchAsync).WithSummary("Search audit records");
        audit.MapGet("/verify", async (HttpContext context, ServiceApis services, CancellationToken ct) =>
            (await services.GetAsync(Service, "audit/verify", new GrantScope(context.User.ToActor(), Purposes.Audit), ct)).ToResult())
            .WithSummary("Verify the audit chain");
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, ServiceApis services, AccessLog accessLog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var query = context.Request.QueryString.Value ?? "";
        var response = await services.GetAsync(Service, "audit/records" + query, new GrantScope(actor, Purposes.Audit), cancellationToken);
        if (response.IsSuccess)
        {
            await accessLog.RecordAsync(new AccessRecorded
            {
                Action = AuditActions.AuditSearch,
                Actor = actor,
                PersonRef = context.Request.Query["personRef"].FirstOrDefault(),
                Purpose = Purposes.Audit,
                Reason = query.Length > 1 ? query[1..Math.Min(query.Length, 500)] : null,
                OccurredAt = clock.GetUtcNow(),
            }, cancellationToken);
        }

        return response.ToResult();
    }
}
