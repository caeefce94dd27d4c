using Finsam.Contracts.Api.Consents;

namespace Finsam.Contracts.Api.Blocks;

/// <summary>A block as staff and the person see it: active until lifted, and then who lifted it and when.</summary>
public sealed record BlockView(
    Guid BlockId, string PersonRef, string ToParty, string? ToUnitId, IReadOnlyList<string> Categories, string? Reason, string Status,
    RecordedBy RecordedBy, DateTimeOffset RecordedAt, string? LiftedBy, DateTimeOffset? LiftedAt);
