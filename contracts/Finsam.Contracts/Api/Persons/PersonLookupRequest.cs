namespace Finsam.Contracts.Api.Persons;

/// <param name="Personnummer">A personnummer or samordningsnummer in any written form Skatteverket uses; it goes no further than the gateway.</param>
public sealed record PersonLookupRequest(string? Personnummer);
