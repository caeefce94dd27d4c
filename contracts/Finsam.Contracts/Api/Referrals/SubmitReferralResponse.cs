namespace Finsam.Contracts.Api.Referrals;

public sealed record SubmitReferralResponse(Guid ReferralId, string Status);
