namespace Finsam.Contracts.Consents;

/// <summary>One part of a consent: which categories a party (optionally only one of its units) may receive.</summary>
public sealed record ConsentProvision(string ToParty, string? ToUnitId, IReadOnlyList<string> Categories);
