namespace Finsam.Contracts.Api.Consents;

public sealed record RevokeConsentResponse(Guid ConsentId, string Status, DateTimeOffset RevokedAt);
