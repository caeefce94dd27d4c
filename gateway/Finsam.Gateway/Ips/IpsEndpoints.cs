using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.Ips;

/// <summary>Use 1 from the IPS unit's side: the queue, assignment, the case's life and its placements; the unit's fidelity reviews.</summary>
public static class IpsEndpoints
{
    private const string Service = "municipality";

    /// <summary>
    /// A case carries the referrer's <c>referral</c> and <c>contact</c> data and what AF and FK reported since
    /// (<c>af.registration</c>, <c>fk.benefits</c>); the municipality declares which of them an answer shows.
    /// </summary>
    private static readonly string[] CaseCategories = [DataCategories.Referral, DataCategories.Contact, DataCategories.AfRegistration, DataCategories.FkBenefits];

    public static void MapIps(this RouteGroupBuilder api)
    {
        var ips = api.MapGroup("/ips").RequireAuthorization(GatewayPolicies.IpsStaff);
        // The queue shows a person's name when the referral's contact reached the unit: the municipality declares each.
        ips.MapGet("/queue", (HttpContext context, ServiceApis services) =>
                services.GetAsync(Service, "municipality/ips/queue", Scope(context, [DataCategories.Contact]), context.RequestAborted))
            .RequireAuthorization(GatewayPolicies.Coordinator).Produces<List<QueueEntry>>().WithSummary("Referrals waiting in the caller's unit, oldest first");
        ips.MapPost("/self-referrals", RegisterSelfReferralAsync).AcceptsJson<RegisterSelfReferralRequest>()
            .Produces<SelfReferralRegistered>(StatusCodes.Status201Created).ProducesValidationProblem()
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Register a self-referral (egen anmälan) received by phone, letter or in person");
        ips.MapGet("/cases", (HttpContext context, ServiceApis services) => services.GetAsync(Service, "municipality/ips/cases", Scope(context), context.RequestAborted))
            .Produces<List<CaseSummary>>().WithSummary("A coach's own cases, or the coordinator's unit's");
        ips.MapGet("/cases/{caseId:guid}", (Guid caseId, HttpContext context, ServiceApis services) =>
            services.GetAsync(Service, $"municipality/ips/cases/{caseId}", Scope(context, CaseCategories), context.RequestAborted))
            .Produces<CaseDetail>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A case with the referral content the consent allowed");
        ips.MapPost("/cases/{caseId:guid}/assign", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<AssignCaseRequest>(context, services, $"municipality/ips/cases/{caseId}/assign"))
            .AcceptsJson<AssignCaseRequest>().Produces<CaseStatusResponse>().WithCaseRefusals()
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Assign a case to a coach");
        ips.MapPost("/cases/{caseId:guid}/status", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<ChangeCaseStatusRequest>(context, services, $"municipality/ips/cases/{caseId}/status"))
            .AcceptsJson<ChangeCaseStatusRequest>().Produces<CaseStatusResponse>().WithCaseRefusals()
            .WithSummary("Move a case: active, dormant, inactive, closed");
        ips.MapPost("/cases/{caseId:guid}/decline", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<ChangeCaseStatusRequest>(context, services, $"municipality/ips/cases/{caseId}/decline"))
            .AcceptsJson<ChangeCaseStatusRequest>().Produces<CaseStatusResponse>().WithCaseRefusals()
            .RequireAuthorization(GatewayPolicies.Coordinator).WithSummary("Decline a queued referral");
        ips.MapPost("/cases/{caseId:guid}/intake", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<RecordIntakeRequest>(context, services, $"municipality/ips/cases/{caseId}/intake"))
            .AcceptsJson<RecordIntakeRequest>().Produces<CaseDetail>().WithCaseRefusals()
            .WithSummary("Record the status at start (intake): the questions a follow-up report needs, no diagnosis");
        ips.MapPost("/cases/{caseId:guid}/extend", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<ExtendCaseRequest>(context, services, $"municipality/ips/cases/{caseId}/extend"))
            .AcceptsJson<ExtendCaseRequest>().Produces<CaseDetail>().WithCaseRefusals()
            .WithSummary("Extend the enrolment to a new end date, with a reason");
        ips.MapPost("/cases/{caseId:guid}/post-closing-follow-ups", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<PostClosingFollowUpRequest>(context, services, $"municipality/ips/cases/{caseId}/post-closing-follow-ups"))
            .AcceptsJson<PostClosingFollowUpRequest>().Produces<CaseDetail>().WithCaseRefusals()
            .WithSummary("Record where the person stands 6 or 12 months after the case closed (RE-AIM maintenance)");
        ips.MapPost("/cases/{caseId:guid}/employer-contacts", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<EmployerContactRequest>(context, services, $"municipality/ips/cases/{caseId}/employer-contacts"))
            .AcceptsJson<EmployerContactRequest>().Produces<EmployerContactView>(StatusCodes.Status201Created).WithCaseRefusals()
            .WithSummary("Record a contact with an employer");
        ips.MapGet("/reviews", (HttpContext context, ServiceApis services) => services.GetAsync(Service, "municipality/ips/reviews", Scope(context), context.RequestAborted))
            .RequireAuthorization(GatewayPolicies.Coordinator).Produces<List<CaseReview>>()
            .WithSummary("Open cases inactive too long or past their planned end, for a decision");
        ips.MapGet("/caseload", (HttpContext context, ServiceApis services) => services.GetAsync(Service, "municipality/ips/caseload", Scope(context), context.RequestAborted))
            .RequireAuthorization(GatewayPolicies.Coordinator).Produces<List<CoachCaseload>>()
            .WithSummary("Each coach's open cases against the limit");
        ips.MapPost("/units/{unitId}/fidelity-reviews", (string unitId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<RecordFidelityReviewRequest>(context, services, $"municipality/ips/units/{Uri.EscapeDataString(unitId)}/fidelity-reviews"))
            .AcceptsJson<RecordFidelityReviewRequest>().Produces<FidelityReviewRecorded>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(GatewayPolicies.Coordinator)
            .WithSummary("Record an IPS fidelity review (IPS-25) of the caller's unit: 25 items scored 1–5, total and band");
        ips.MapGet("/units/{unitId}/fidelity-reviews", (string unitId, HttpContext context, ServiceApis services) =>
            services.GetAsync(Service, $"municipality/ips/units/{Uri.EscapeDataString(unitId)}/fidelity-reviews", Scope(context), context.RequestAborted))
            .Produces<List<FidelityReviewView>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The unit's fidelity reviews, newest first");
        ips.MapGet("/units/{unitId}/fidelity-reviews/suggested", (string unitId, HttpContext context, ServiceApis services) =>
            services.GetAsync(Service, $"municipality/ips/units/{Uri.EscapeDataString(unitId)}/fidelity-reviews/suggested", Scope(context), context.RequestAborted))
            .Produces<List<FidelitySuggestion>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Scores suggested from the unit's records: caseload, zero exclusion, days to the first employer contact");
        ips.MapPost("/cases/{caseId:guid}/placements", (Guid caseId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<RecordPlacementRequest>(context, services, $"municipality/ips/cases/{caseId}/placements"))
            .AcceptsJson<RecordPlacementRequest>().Produces<PlacementView>(StatusCodes.Status201Created).WithCaseRefusals()
            .WithSummary("Record a placement on a case (ips.employment)");
        ips.MapPost("/cases/{caseId:guid}/placements/{placementId:guid}/end", (Guid caseId, Guid placementId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<EndPlacementRequest>(context, services, $"municipality/ips/cases/{caseId}/placements/{placementId}/end"))
            .AcceptsJson<EndPlacementRequest>().Produces<PlacementView>().WithCaseRefusals()
            .WithSummary("End a placement on a date");
    }

    /// <summary>What a change to a case can be refused with: bad input, a case the caller may not see, a move its status does not allow.</summary>
    private static RouteHandlerBuilder WithCaseRefusals(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> RegisterSelfReferralAsync(HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterSelfReferralRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var scope = Scope(context) with { PersonRef = PersonRef.IsValid(body.PersonRef) ? body.PersonRef : null };
        return await services.PostAsync(Service, "municipality/ips/self-referrals", scope, body, cancellationToken);
    }

    private static GrantScope Scope(HttpContext context, IReadOnlyList<string>? categories = null) =>
        new(context.User.ToActor(), Purposes.IpsSupport, Categories: categories);

    private static async Task<IResult> ForwardPostAsync<TRequest>(HttpContext context, ServiceApis services, string path)
        where TRequest : class
    {
        var (body, problem) = await JsonBody.ReadAsync<TRequest>(context.Request, context.RequestAborted);
        return body is null ? problem! : await services.PostAsync(Service, path, Scope(context), body, context.RequestAborted);
    }
}
