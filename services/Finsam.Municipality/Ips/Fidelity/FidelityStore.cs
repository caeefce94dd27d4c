using Finsam.ServiceDefaults.Hosting;
using Finsam.Contracts.Api.Ips;
using Finsam.Contracts.Codes;
using Finsam.Municipality.Ips.Cases;
using Finsam.ServiceDefaults.Data;

namespace Finsam.Municipality.Ips.Fidelity;

/// <summary>Fidelity reviews and their items. A review is never changed: a new review is recorded beside the earlier ones.</summary>
public static class FidelityStore
{
    public static async Task InsertAsync(DbSession session, FidelityReviewView review)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO ips_fidelity_reviews (review_id, unit_id, review_date, reviewers, total, band, recorded_by, recorded_at)
            VALUES (@ReviewId, @UnitId, @Date, @Reviewers, @Total, @Band, @RecordedBy, @RecordedAt)
            """,
            new
            {
                ReviewId = review.ReviewId.ToString(), review.UnitId, Date = CalendarDates.Text(review.Date), Reviewers = string.Join('\n', review.Reviewers),
                review.Total, review.Band, review.RecordedBy, review.RecordedAt,
            });
        foreach (var item in review.Items)
        {
            await session.ExecuteAsync(
                "INSERT INTO ips_fidelity_items (review_id, item, score, note) VALUES (@ReviewId, @Item, @Score, @Note)",
                new { ReviewId = review.ReviewId.ToString(), item.Item, item.Score, item.Note });
        }
    }

    public static async Task<IReadOnlyList<FidelityReviewView>> ForUnitAsync(DbSession session, string unitId)
    {
        var reviews = await session.QueryAsync<ReviewRow>(
            """
            SELECT review_id AS ReviewId, review_date AS Date, reviewers, total, band, recorded_by AS RecordedBy, recorded_at AS RecordedAt
            FROM ips_fidelity_reviews WHERE unit_id = @UnitId ORDER BY review_date DESC, recorded_at DESC
            """, new { UnitId = unitId });
        var items = (await session.QueryAsync<ItemRow>(
            """
            SELECT i.review_id AS ReviewId, i.item, i.score, i.note
            FROM ips_fidelity_items i JOIN ips_fidelity_reviews r ON r.review_id = i.review_id
            WHERE r.unit_id = @UnitId
            """, new { UnitId = unitId })).ToLookup(i => i.ReviewId);
        return [.. reviews.Select(r => new FidelityReviewView(
            Guid.Parse(r.ReviewId), unitId, CalendarDates.Parse(r.Date), r.Reviewers.Split('\n'),
            [.. items[r.ReviewId].OrderBy(i => i.Item).Select(i => new FidelityItemView(i.Item, FidelityScale.ItemNames[i.Item - 1], i.Score, i.Note))],
            r.Total, r.Band, r.RecordedBy, r.RecordedAt))];
    }

    private sealed record ReviewRow
    {
        public string ReviewId { get; init; } = "";
        public string Date { get; init; } = "";
        public string Reviewers { get; init; } = "";
        public int Total { get; init; }
        public string Band { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    private sealed record ItemRow
    {
        public string ReviewId { get; init; } = "";
        public int Item { get; init; }
        public int Score { get; init; }
        public string? Note { get; init; }
    }
}
