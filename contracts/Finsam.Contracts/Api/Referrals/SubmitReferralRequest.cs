namespace Finsam.Contracts.Api.Referrals;

public sealed record SubmitReferralRequest(string? PersonRef, string? ToUnitId, string? Reason, string? OwnGoal, ContactRequest? Contact);
