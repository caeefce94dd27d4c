using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Contracts.FollowUp;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;
using Finsam.ServiceDefaults.Disclosures;
using Finsam.ServiceDefaults.Grants;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Finsam.Municipality.Ips.Fidelity;

/// <summary>
/// IPS fidelity reviews of a unit (issue 13, item 7): the unit's coordinator records a review with all 25 items scored
/// 1–5; the unit's staff read every review, newest first, to compare them; Finsam suggests scores for the items it can
/// measure from what the unit recorded (<see cref="FidelitySuggestions"/>). A unit that is not the caller's is 404. The
/// follow-up service learns each review's total (<see cref="FidelityReviewed"/>).
/// </summary>
public static class FidelityReviews
{
    public const int MaxReviewers = 10;

    public static void MapFidelityReviews(this RouteGroupBuilder group)
    {
        group.MapPost("/units/{unitId}/fidelity-reviews", RecordAsync).WithSummary("Record a fidelity review of the unit").DisclosesNothing();
        group.MapGet("/units/{unitId}/fidelity-reviews", ListAsync).WithSummary("The unit's fidelity reviews, newest first").DisclosesNothing();
        group.MapGet("/units/{unitId}/fidelity-reviews/suggested", SuggestAsync).WithSummary("Scores suggested from the unit's own records").DisclosesNothing();
    }

    private static bool IsUnitStaff(Grant grant, string unitId) =>
        grant.Actor.Party == Parties.Municipality && grant.Actor.UnitId == unitId && grant.Actor.Role is Roles.Coordinator or Roles.Coach;

    private static async Task<Results<Created<FidelityReviewRecorded>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string unitId, RecordFidelityReviewRequest request, Grant grant, ServiceDatabase<MunicipalityService> database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!IsUnitStaff(grant, unitId))
        {
            return Problems.NotFound("Enheten finns inte bland dina enheter.");
        }

        if (grant.Actor.Role != Roles.Coordinator)
        {
            return Problems.Forbidden("Trohetsbedömningar registreras av enhetens samordnare.");
        }

        var hasDate = CalendarDates.TryParse(request.Date, out var date);
        var reviewers = request.Reviewers?.Select(r => r?.Trim()).ToList() ?? [];
        var items = request.Items ?? [];
        var errors = new ValidationErrors()
            .Require(hasDate && date <= SwedishTime.Today(clock), "date", "Ange datum för bedömningen som ÅÅÅÅ-MM-DD, i dag eller tidigare.")
            .Require(reviewers.Count is > 0 and <= MaxReviewers && reviewers.All(r => !string.IsNullOrEmpty(r) && r.Length <= 200), "reviewers",
                $"Ange vem eller vilka som bedömde (1–{MaxReviewers} namn, högst 200 tecken vardera).")
            .Require(items.Count == FidelityScale.Items && items.All(i => i?.Item is >= 1 and <= FidelityScale.Items)
                    && items.Select(i => i!.Item).Distinct().Count() == FidelityScale.Items, "items",
                $"Bedöm var och en av de {FidelityScale.Items} punkterna en gång.");
        for (var index = 0; index < items.Count; index++)
        {
            errors
                .Require(items[index]?.Score is >= FidelityScale.MinScore and <= FidelityScale.MaxScore, $"items[{index}].score", "Ange poäng 1–5.")
                .OptionalText(items[index]?.Note, $"items[{index}].note", 2000);
        }

        if (!errors.IsValid)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var scored = items.Select(i => new FidelityItemView(i!.Item!.Value, FidelityScale.ItemNames[i.Item.Value - 1], i.Score!.Value,
            string.IsNullOrWhiteSpace(i.Note) ? null : i.Note.Trim())).OrderBy(i => i.Item).ToList();
        var total = scored.Sum(i => i.Score);
        var review = new FidelityReviewView(
            Guid.CreateVersion7(), unitId, date, [.. reviewers.Select(r => r!)], scored, total, FidelityScale.Band(total), grant.Actor.UserId, clock.GetUtcNow());
        await using var session = await database.BeginAsync(cancellationToken);
        await FidelityStore.InsertAsync(session, review);
        // The follow-up service reports each unit's latest total as RE-AIM's implementation; no person is in it.
        await session.EnqueueAsync(new FidelityReviewed(review.ReviewId, unitId, date, total, review.Band));
        await session.CommitAsync();
        return TypedResults.Created($"/municipality/ips/units/{unitId}/fidelity-reviews/{review.ReviewId}", new FidelityReviewRecorded(review.ReviewId, total, review.Band));
    }

    private static async Task<Results<Ok<List<FidelityReviewView>>, ProblemHttpResult>> ListAsync(
        string unitId, Grant grant, ServiceDatabase<MunicipalityService> database, CancellationToken cancellationToken)
    {
        if (!IsUnitStaff(grant, unitId))
        {
            return Problems.NotFound("Enheten finns inte bland dina enheter.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Ok((await FidelityStore.ForUnitAsync(session, unitId)).ToList());
    }

    private static async Task<Results<Ok<List<FidelitySuggestion>>, ProblemHttpResult>> SuggestAsync(
        string unitId, Grant grant, ServiceDatabase<MunicipalityService> database, FidelitySuggestions suggestions, CancellationToken cancellationToken)
    {
        if (!IsUnitStaff(grant, unitId))
        {
            return Problems.NotFound("Enheten finns inte bland dina enheter.");
        }

        await using var session = await database.ConnectAsync(cancellationToken);
        return TypedResults.Ok((await suggestions.ForUnitAsync(session, unitId)).ToList());
    }
}
