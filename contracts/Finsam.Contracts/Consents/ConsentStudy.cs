namespace Finsam.Contracts.Consents;

/// <summary>The study a research consent is for, and its principal (forskningshuvudman).</summary>
public sealed record ConsentStudy(string Name, string Principal);
