namespace Finsam.Contracts.Sharing;

/// <summary>
/// AF or FK tells the IPS unit that follows the person that something changed: "sjukpenning ends on …",
/// "lönebidrag decided". Carries <c>af.registration</c> or <c>fk.benefits</c>, only under a consent.
/// </summary>
public sealed record AgencyStatusChanged : IDataShare
{
    /// <summary>What changed, in plain Swedish, for the coach.</summary>
    public required string Description { get; init; }

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
