namespace Finsam.Contracts.Sharing;

/// <summary>
/// An IPS unit tells an agency (AF or FK) that it now follows the person (<c>ips.plan</c>), so that the
/// agency's adapter can tell the coach when something changes. Sent only under a consent.
/// </summary>
public sealed record IpsFollowUpStarted : IDataShare
{
    public required Guid CaseId { get; init; }

    public required string SharingParty { get; init; }

    public required string? SharingUnitId { get; init; }

    public required string ReceivingParty { get; init; }

    public required string? ReceivingUnitId { get; init; }

    public required string PersonRef { get; init; }

    public required IReadOnlyList<string> Categories { get; init; }

    public required string Purpose { get; init; }

    public required Guid ConsentId { get; init; }

    public required Actor ActingUser { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}
