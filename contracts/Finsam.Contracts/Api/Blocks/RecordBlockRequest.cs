namespace Finsam.Contracts.Api.Blocks;

/// <summary>A block (spärr) the person asked for: this party (or unit) may not receive these categories, whatever a consent says.</summary>
public sealed record RecordBlockRequest(string? ToParty, IReadOnlyList<string?>? Categories, string? ToUnitId = null, string? Reason = null);
