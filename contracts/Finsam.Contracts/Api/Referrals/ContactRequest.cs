namespace Finsam.Contracts.Api.Referrals;

public sealed record ContactRequest(string? Name, string? Phone, string? Email, string? PreferredChannel);
