namespace Finsam.Contracts.Api.Ips;

public sealed record ReferralContent(string Reason, string OwnGoal);
