namespace Finsam.Contracts.Referrals;

/// <summary>The <c>contact</c> category: how to reach the person.</summary>
public sealed record ContactDetails(string Name, string? Phone, string? Email, string? PreferredChannel);
