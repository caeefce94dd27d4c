namespace Finsam.Contracts.Api.Ips;

/// <summary>News from AF or FK, with the consent and purpose it was shared under (null for news kept before they were stored).</summary>
public sealed record AgencyEvent
{
    public DateTimeOffset At { get; init; }
    public string Party { get; init; } = "";
    public string Category { get; init; } = "";
    public string Description { get; init; } = "";
    public string? ConsentId { get; init; }
    public string? Purpose { get; init; }
}
