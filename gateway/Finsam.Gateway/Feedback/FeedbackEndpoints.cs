using Finsam.Contracts.Api.Feedback;
using Finsam.Contracts.Codes;
using Finsam.Gateway.Contract;
using Finsam.Gateway.Identity;
using Finsam.Gateway.Proxy;

namespace Finsam.Gateway.Feedback;

/// <summary>The feedback persons sent to the caller's unit, and the answer (API.md, "The person"); the coordination service decides who handles what.</summary>
public static class FeedbackEndpoints
{
    private const string Service = "coordination";

    public static void MapFeedback(this RouteGroupBuilder staff)
    {
        staff.MapGet("/feedback", (HttpContext context, ServiceApis services, CancellationToken ct) =>
                services.GetAsync(Service, "coordination/feedback", Scope(context), ct))
            .Produces<List<FeedbackView>>().WithSummary("Feedback and complaints the caller handles, newest first");
        staff.MapPost("/feedback/{feedbackId:guid}/answer", AnswerAsync).AcceptsJson<AnswerFeedbackRequest>()
            .Produces<FeedbackView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Answer a piece of feedback; the person sees the answer");
    }

    private static GrantScope Scope(HttpContext context) => new(context.User.ToActor(), Purposes.Coordination);

    private static async Task<IResult> AnswerAsync(Guid feedbackId, HttpContext context, ServiceApis services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnswerFeedbackRequest>(context.Request, cancellationToken);
        return body is null ? problem! : await services.PostAsync(Service, $"coordination/feedback/{feedbackId}/answer", Scope(context), body, cancellationToken);
    }
}
