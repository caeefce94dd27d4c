using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Referrals;

/// <summary>A referral (remiss) to an IPS unit, carrying only the consented <c>referral</c> and <c>contact</c> data.</summary>
public sealed record ReferralSubmitted : IDataShare
{
    public required Guid ReferralId { get; init; }

    public required string SharingParty { get; init; }

    public required string? SharingUnitId { get; init; }

    public string? SharingUnitName { get; init; }

    public required string ReceivingParty { get; init; }

    public required string? ReceivingUnitId { get; init; }

    public required string PersonRef { get; init; }

    public required IReadOnlyList<string> Categories { get; init; }

    public required string Purpose { get; init; }

    public required Guid ConsentId { get; init; }

    public required Actor ActingUser { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Reason { get; init; }

    public required string OwnGoal { get; init; }

    public required ContactDetails Contact { get; init; }
}
