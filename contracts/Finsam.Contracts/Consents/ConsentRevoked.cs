using Finsam.Contracts.Sharing;

namespace Finsam.Contracts.Consents;

public sealed record ConsentRevoked(Guid ConsentId, string PersonRef, string Reason, Actor RevokedBy, DateTimeOffset RevokedAt);
