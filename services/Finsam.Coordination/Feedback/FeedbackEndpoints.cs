using Finsam.Contracts.Api;
using Finsam.Contracts.Api.Feedback;
using Finsam.Contracts.Codes;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Organization;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Coordination.Feedback;

/// <summary>
/// Feedback and complaints (issue 14 item 2; seed 001: 14 of 15 participants did not know where to complain): the
/// person says something about a unit or its staff, it reaches whoever handles that unit's feedback
/// (<see cref="FeedbackRouting"/>), who answers once; the person sees the status and the answer. The feedback is the
/// person's own message to that unit, so reading it discloses nothing of another party's records.
/// </summary>
public static class FeedbackEndpoints
{
    public static void MapFeedback(this RouteGroupBuilder group)
    {
        group.MapPost("", SubmitAsync).WithSummary("The person submits feedback or a complaint");
        group.MapGet("/mine", MineAsync).WithSummary("The person's own feedback, with answers");
        group.MapGet("", ToHandleAsync).WithSummary("The feedback the caller handles, newest first");
        group.MapPost("/{feedbackId:guid}/answer", AnswerAsync).WithSummary("Answer a piece of feedback, once");
    }

    private static async Task<Results<Created<FeedbackSubmitted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitFeedbackRequest request, Grant grant, ServiceDatabase<CoordinationService> database, FinsamDirectory directory,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Resident)
        {
            return Problems.Forbidden("Bara personen själv lämnar synpunkter här.");
        }

        var errors = new ValidationErrors()
            .Require(RequestCodes.FeedbackKinds.Contains(request.Kind), "kind", "Välj klagomål, beröm eller förslag.")
            .RequireText(request.Text, "text", "Skriv vad du vill säga.", 4000)
            .Require(string.IsNullOrWhiteSpace(request.UnitId) || directory.FindUnit(request.UnitId) is not null, "unitId", "Okänd enhet.");
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var feedbackId = Guid.CreateVersion7();
        await using var session = await database.BeginAsync(cancellationToken);
        await session.ExecuteAsync(
            "INSERT INTO feedback (feedback_id, person_ref, kind, unit_id, text, submitted_at) VALUES (@Id, @PersonRef, @Kind, @UnitId, @Text, @At)",
            new
            {
                Id = feedbackId.ToString(), PersonRef = grant.Actor.UserId, request.Kind,
                UnitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : request.UnitId, Text = request.Text!.Trim(), At = clock.GetUtcNow(),
            });
        await session.CommitAsync();
        return TypedResults.Created($"/coordination/feedback/{feedbackId}", new FeedbackSubmitted(feedbackId, FeedbackStatuses.Received));
    }

    private static async Task<Results<Ok<List<FeedbackView>>, ProblemHttpResult>> MineAsync(
        Grant grant, ServiceDatabase<CoordinationService> database, CancellationToken cancellationToken)
    {
        if (grant.Actor.Role != Roles.Resident)
        {
            return Problems.Forbidden("Bara personen själv läser sina synpunkter här.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Ok(await QueryAsync(session, "WHERE person_ref = @PersonRef", new { PersonRef = grant.Actor.UserId }));
    }

    private static async Task<Ok<List<FeedbackView>>> ToHandleAsync(
        Grant grant, ServiceDatabase<CoordinationService> database, FeedbackRouting routing, CancellationToken cancellationToken)
    {
        var units = routing.UnitsOf(grant.Actor);
        var general = routing.Handles(grant.Actor, null);
        if (units.Count == 0 && !general)
        {
            return TypedResults.Ok(new List<FeedbackView>());
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        var where = (units.Count, general) switch
        {
            (0, _) => "WHERE unit_id IS NULL",
            (_, true) => "WHERE (unit_id IN @Units OR unit_id IS NULL)",
            _ => "WHERE unit_id IN @Units",
        };
        return TypedResults.Ok(await QueryAsync(session, where, new { Units = units }));
    }

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid feedbackId, AnswerFeedbackRequest request, Grant grant, ServiceDatabase<CoordinationService> database, FeedbackRouting routing,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().RequireText(request.Text, "text", "Skriv ett svar.", 4000);
        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var feedback = (await QueryAsync(session, "WHERE feedback_id = @Id", new { Id = feedbackId.ToString() })).SingleOrDefault();
        if (feedback is null || !routing.Handles(grant.Actor, feedback.UnitId))
        {
            return Problems.NotFound("Synpunkten finns inte bland dem du tar hand om.");
        }

        var at = clock.GetUtcNow();
        // Conditional, so that of two answers at once exactly one is kept: the person gets one answer.
        var answered = await session.ExecuteAsync(
            "UPDATE feedback SET answer = @Text, answered_by_user = @UserId, answered_at = @At WHERE feedback_id = @Id AND answered_at IS NULL",
            new { Text = request.Text!.Trim(), grant.Actor.UserId, At = at, Id = feedbackId.ToString() });
        if (answered == 0)
        {
            return Problems.Conflict("Synpunkten är redan besvarad.");
        }

        await session.CommitAsync();
        return TypedResults.Ok(feedback with { Status = FeedbackStatuses.Answered, Answer = request.Text.Trim(), AnsweredBy = grant.Actor.UserId, AnsweredAt = at });
    }

    private static async Task<List<FeedbackView>> QueryAsync(DbSession session, string where, object parameters) =>
        [.. (await session.QueryAsync<FeedbackRow>(
                $"""
                SELECT feedback_id AS FeedbackId, person_ref AS PersonRef, kind AS Kind, unit_id AS UnitId, text AS Text, submitted_at AS SubmittedAt,
                       answer AS Answer, answered_by_user AS AnsweredBy, answered_at AS AnsweredAt
                FROM feedback {where} ORDER BY submitted_at DESC
                """, parameters))
            .Select(r => new FeedbackView(Guid.Parse(r.FeedbackId), r.PersonRef, r.Kind, r.UnitId, r.Text,
                r.AnsweredAt is null ? FeedbackStatuses.Received : FeedbackStatuses.Answered, r.SubmittedAt, r.Answer, r.AnsweredBy, r.AnsweredAt))];

    private sealed record FeedbackRow
    {
        public string FeedbackId { get; init; } = "";
        public string PersonRef { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? UnitId { get; init; }
        public string Text { get; init; } = "";
        public DateTimeOffset SubmittedAt { get; init; }
        public string? Answer { get; init; }
        public string? AnsweredBy { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
    }
}
