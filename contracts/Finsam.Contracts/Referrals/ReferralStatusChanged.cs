using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Referrals;

/// <summary>
/// The municipality tells the referring unit how its referral goes (<c>ips.plan</c>). Sent only while a
/// consent lets the referrer's party receive <c>ips.plan</c>.
/// </summary>
public sealed record ReferralStatusChanged : IDataShare
{
    public required Guid ReferralId { get; init; }

    /// <summary>One of <see cref="ReferralStatuses"/>.</summary>
    public required string Status { get; init; }

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
