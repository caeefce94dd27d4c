namespace Finsam.Contracts.Api.Referrals;

public sealed record ContactRequest(string? Name, string? Phone = null, string? Email = null, string? PreferredChannel = null);
