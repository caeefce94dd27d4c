namespace Finsam.Contracts.Api.Residents;

/// <summary>The signed-in person (GET /api/me): their pseudonym and the name their sign-in gave.</summary>
public sealed record MeResponse(string PersonRef, string Name);

/// <summary>
/// One line of the person's own access log (GET /api/me/access-log): who (party, unit, and staff when the county
/// names them) saw, received, was refused or opened by emergency access which information, when and why.
/// </summary>
public sealed record AccessLogEntry(
    DateTimeOffset At, string Action, string Party, string? UnitName, string? UserName, IReadOnlyList<string> Categories,
    string? Purpose, Guid? ConsentId, bool Emergency);

public sealed record AccessLogPage(IReadOnlyList<AccessLogEntry> Items, string? NextCursor);
