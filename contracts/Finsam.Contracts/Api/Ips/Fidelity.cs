namespace Finsam.Contracts.Api.Ips;

/// <summary>A fidelity review of an IPS unit: the date (<c>yyyy-MM-dd</c>), who reviewed, and each of the 25 items scored 1–5.</summary>
public sealed record RecordFidelityReviewRequest(string? Date, IReadOnlyList<string?>? Reviewers, IReadOnlyList<FidelityItemRequest?>? Items);

public sealed record FidelityItemRequest(int? Item, int? Score, string? Note = null);

/// <summary><c>band</c>: exemplary (115–125), good (100–114), fair (74–99), not-ips (73 or less).</summary>
public sealed record FidelityReviewRecorded(Guid ReviewId, int Total, string Band);

public sealed record FidelityItemView(int Item, string Name, int Score, string? Note);

public sealed record FidelityReviewView(
    Guid ReviewId, string UnitId, DateOnly Date, IReadOnlyList<string> Reviewers, IReadOnlyList<FidelityItemView> Items, int Total, string Band,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A score Finsam suggests for an item it can measure from what the unit recorded, with what it is based on.</summary>
public sealed record FidelitySuggestion(int Item, string Name, int Score, string Basis);
