namespace Finsam.Contracts.Api.Consents;

public sealed record RevokeConsentRequest(string? Reason);
