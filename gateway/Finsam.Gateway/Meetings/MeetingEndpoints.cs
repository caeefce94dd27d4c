using Finsam.Contracts.Api.Meetings;
using Finsam.Contracts.Codes;
using Finsam.Contracts.Persons;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;
using Finsam.ServiceDefaults.Validation;

namespace Finsam.Gateway.Meetings;

/// <summary>Use 2: cross-agency follow-up meetings, on the coordination service, for the people who take part.</summary>
public static class MeetingEndpoints
{
    private const string Service = "coordination";
    private static readonly string[] MeetingCategory = [DataCategories.Meeting];

    public static void MapMeetings(this RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/meetings").RequireAuthorization(GatewayPolicies.CaseWorker);
        meetings.MapPost("", ScheduleAsync).AcceptsJson<ScheduleMeetingRequest>()
            .Produces<MeetingView>(StatusCodes.Status201Created).ProducesValidationProblem().WithSummary("Schedule a follow-up meeting (needs a coordination consent covering every party)");
        meetings.MapGet("", ListAsync).Produces<List<MeetingSummary>>().ProducesValidationProblem().WithSummary("The person's meetings that the caller's unit takes part in");
        meetings.MapGet("/{meetingId:guid}", GetAsync).Produces<MeetingView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A meeting, for its participants");
        meetings.MapGet("/{meetingId:guid}/shared-view", SharedViewEndpoint.HandleAsync)
            .Produces<SharedView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Each party's consented sections for this participant");
        meetings.MapPost("/{meetingId:guid}/minutes", (Guid meetingId, HttpContext context, ServiceApis services) =>
            ForwardPostAsync<MinutesRequest>(context, services, $"coordination/meetings/{meetingId}/minutes"))
            .AcceptsJson<MinutesRequest>().Produces<MinutesResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Minutes with decisions and action items");
        meetings.MapPost("/{meetingId:guid}/actions/{actionId:guid}/done", (Guid meetingId, Guid actionId, HttpContext context, ServiceApis services) =>
            services.PostAsync(Service, $"coordination/meetings/{meetingId}/actions/{actionId}/done", Scope(context), null, context.RequestAborted))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Mark an action item done");
    }

    private static GrantScope Scope(HttpContext context, string? personRef = null) =>
        new(context.User.ToActor(), Purposes.Coordination, personRef, MeetingCategory);

    private static async Task<IResult> ScheduleAsync(HttpContext context, ServiceApis services)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScheduleMeetingRequest>(context.Request, context.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        return await services.PostAsync(Service, "coordination/meetings", Scope(context, PersonRef.IsValid(body.PersonRef) ? body.PersonRef : null), body, context.RequestAborted);
    }

    private static async Task<IResult> ListAsync(string? personRef, HttpContext context, ServiceApis services)
    {
        if (!PersonRef.IsValid(personRef))
        {
            return Problems.Invalid("personRef", "Ange en giltig personreferens.");
        }

        return await services.GetAsync(Service, $"coordination/meetings?personRef={personRef}", Scope(context, personRef), context.RequestAborted);
    }

    /// <summary>The meeting's notes, decisions and actions are shared data about the person: the service declares the view.</summary>
    private static Task<IResult> GetAsync(Guid meetingId, HttpContext context, ServiceApis services) =>
        services.GetAsync(Service, $"coordination/meetings/{meetingId}", Scope(context), context.RequestAborted);

    private static async Task<IResult> ForwardPostAsync<TRequest>(HttpContext context, ServiceApis services, string path)
        where TRequest : class
    {
        var (body, problem) = await JsonBody.ReadAsync<TRequest>(context.Request, context.RequestAborted);
        return body is null ? problem! : await services.PostAsync(Service, path, Scope(context), body, context.RequestAborted);
    }
}
