namespace Finsam.Contracts.Api.Feedback;

/// <summary>What the person says about a unit or its staff (POST /api/me/feedback); without a unit it goes to the association.</summary>
public sealed record SubmitFeedbackRequest(string? Kind, string? Text, string? UnitId = null);

public sealed record FeedbackSubmitted(Guid FeedbackId, string Status);

public sealed record AnswerFeedbackRequest(string? Text);

/// <summary>A piece of feedback with its status (<c>received</c>, <c>answered</c>) and the answer, for the person and for who handles it.</summary>
public sealed record FeedbackView(
    Guid FeedbackId, string PersonRef, string Kind, string? UnitId, string Text, string Status, DateTimeOffset SubmittedAt,
    string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);

public static class FeedbackStatuses
{
    public const string Received = "received";
    public const string Answered = "answered";
}
