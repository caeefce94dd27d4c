using Finsam.Contracts.Codes;
using Finsam.Gateway.Access;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.Ips;

/// <summary>Use 1 from the IPS unit's side: the queue, assignment, the case's life and its placements.</summary>
public static class IpsEndpoints
{
    private const string Service = "municipality";

    /// <summary>What AF and FK report to a coach's case (<see cref="Finsam.Contracts.Sharing.AgencyStatusChanged"/>).</summary>
    private static readonly string[] AgencyCategories = [DataCategories.AfRegistration, DataCategories.FkBenefits];

    public static void MapIps(this RouteGroupBuilder api)
    {
        var ips = api.MapGroup("/ips").RequireAuthorization(GatewayPolicies.IpsStaff);
        ips.MapGet("/queue", (HttpContext context, ServiceApis services, CancellationToken ct) => ForwardGetAsync(context, services, "municipality/ips/queue", ct))
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Referrals waiting in the caller's unit, oldest first");
        ips.MapGet("/cases", (HttpContext context, ServiceApis services, CancellationToken ct) => ForwardGetAsync(context, services, "municipality/ips/cases", ct))
            .WithSummary("A coach's own cases, or the coordinator's unit's");
        ips.MapGet("/cases/{caseId:guid}", GetCaseAsync).WithSummary("A case with the referral content the consent allowed");
        ips.MapPost("/cases/{caseId:guid}/assign", (Guid caseId, HttpContext context, ServiceApis services, CancellationToken ct) =>
            ForwardPostAsync(context, services, $"municipality/ips/cases/{caseId}/assign", ct))
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Assign a case to a coach");
        ips.MapPost("/cases/{caseId:guid}/status", (Guid caseId, HttpContext context, ServiceApis services, CancellationToken ct) =>
            ForwardPostAsync(context, services, $"municipality/ips/cases/{caseId}/status", ct))
            .WithSummary("Move a case: active, dormant, inactive, closed");
        ips.MapPost("/cases/{caseId:guid}/decline", (Guid caseId, HttpContext context, ServiceApis services, CancellationToken ct) =>
            ForwardPostAsync(context, services, $"municipality/ips/cases/{caseId}/decline", ct))
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Decline a queued referral");
        ips.MapPost("/cases/{caseId:guid}/placements", (Guid caseId, HttpContext context, ServiceApis services, CancellationToken ct) =>
            ForwardPostAsync(context, services, $"municipality/ips/cases/{caseId}/placements", ct))
            .WithSummary("Record a placement on a case (ips.employment)");
        ips.MapPost("/cases/{caseId:guid}/placements/{placementId:guid}/end", (Guid caseId, Guid placementId, HttpContext context, ServiceApis services, CancellationToken ct) =>
            ForwardPostAsync(context, services, $"municipality/ips/cases/{caseId}/placements/{placementId}/end", ct))
            .WithSummary("End a placement on a date");
    }

    private static async Task<IResult> ForwardGetAsync(HttpContext context, ServiceApis services, string path, CancellationToken cancellationToken) =>
        (await services.GetAsync(Service, path, new GrantScope(context.User.ToActor(), Purposes.IpsSupport), cancellationToken)).ToResult();

    private static async Task<IResult> ForwardPostAsync(HttpContext context, ServiceApis services, string path, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        return body is null
            ? problem!
            : (await services.PostAsync(Service, path, new GrantScope(context.User.ToActor(), Purposes.IpsSupport), body, cancellationToken)).ToResult();
    }

    /// <summary>
    /// The case carries the referrer's <c>referral</c> and <c>contact</c> data and what AF and FK reported since
    /// (<c>af.registration</c>, <c>fk.benefits</c>): opening it is a recorded view of each source's categories.
    /// Its placements are the unit's own record, like its history, so they need no grant category and leave no view.
    /// </summary>
    private static async Task<IResult> GetCaseAsync(
        Guid caseId, HttpContext context, ServiceApis services, AccessLog accessLog, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var response = await services.GetAsync(Service, $"municipality/ips/cases/{caseId}",
            new GrantScope(actor, Purposes.IpsSupport, Categories: [DataCategories.Referral, DataCategories.Contact, .. AgencyCategories]), cancellationToken);
        if (response.IsSuccess)
        {
            await accessLog.RecordViewAsync(
                actor, response.Json, response.Json.StringOf("referringParty"), [DataCategories.Referral, DataCategories.Contact], Purposes.IpsSupport, cancellationToken);
            // AF's and FK's news came under their own consent (coordination), not the referral's: each is a view under that.
            var agencyEvents = response.Json?["agencyEvents"]?.AsArray() ?? [];
            foreach (var source in agencyEvents.GroupBy(e => (Party: e.StringOf("party"), Consent: e.StringOf("consentId"), Purpose: e.StringOf("purpose"))))
            {
                await accessLog.RecordViewAsync(
                    actor, response.Json.StringOf("personRef"), source.Key.Party, [.. source.Select(e => e.StringOf("category")!).Distinct()],
                    source.Key.Purpose ?? Purposes.IpsSupport, Guid.TryParse(source.Key.Consent, out var consentId) ? consentId : null, cancellationToken);
            }
        }

        return response.ToResult();
    }
}
