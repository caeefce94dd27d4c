namespace Finsam.Contracts.Api.Consents;

public sealed record ProvisionRequest(string? ToParty, string? ToUnitId, IReadOnlyList<string?>? Categories);
