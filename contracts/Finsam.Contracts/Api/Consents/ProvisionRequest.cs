namespace Finsam.Contracts.Api.Consents;

public sealed record ProvisionRequest(string? ToParty, string? ToUnitId = null, IReadOnlyList<string?>? Categories = null);
