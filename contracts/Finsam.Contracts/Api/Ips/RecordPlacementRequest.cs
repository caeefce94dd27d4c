using System.Text.Json;

namespace Finsam.Contracts.Api.Ips;

/// <summary><c>extentPercent</c> is read as it came, so that a string or a fraction is a field error, not an unreadable body.</summary>
public sealed record RecordPlacementRequest(string? Type, string? Employer, JsonElement? ExtentPercent, string? From, string? To = null);
