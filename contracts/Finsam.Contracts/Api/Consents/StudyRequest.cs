namespace Finsam.Contracts.Api.Consents;

/// <summary>A research consent's study: its name and its principal (forskningshuvudman).</summary>
public sealed record StudyRequest(string? Name, string? Principal);
