using Finsam.Contracts.Api.Referrals;

namespace Finsam.Contracts.Api.Ips;

/// <summary>
/// A self-referral (egen anmälan) that reached the coordinator by phone, letter, in person or digitally, registered in
/// the coordinator's own unit (API.md, "Referrals from every party").
/// </summary>
public sealed record RegisterSelfReferralRequest(string? PersonRef, string? Reason, string? OwnGoal, ContactRequest? Contact, string? ReceivedVia);

public sealed record SelfReferralRegistered(Guid CaseId);

/// <summary>The person's own referral to an IPS unit or a coordination team (<c>POST /api/me/referrals</c>).</summary>
public sealed record OwnReferralRequest(string? ToUnitId, string? Reason, string? OwnGoal, ContactRequest? Contact);
