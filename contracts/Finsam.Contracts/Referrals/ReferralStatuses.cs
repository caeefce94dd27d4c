namespace Finsam.Contracts.Referrals;

/// <summary>What the referrer sees of a referral (API.md).</summary>
public static class ReferralStatuses
{
    public const string Sent = "sent";
    public const string Received = "received";
    public const string Assigned = "assigned";
    public const string Declined = "declined";
    public const string Started = "started";
    public const string Closed = "closed";
}
