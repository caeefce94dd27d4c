namespace Finsam.Contracts.Api.Audit;

public sealed record ExtractEntry(
    DateTimeOffset At,
    string Action,
    string Party,
    string PartyLabel,
    string? UnitId,
    string? UnitName,
    string? StaffName,
    IReadOnlyList<LabelledCode> Categories,
    LabelledCode? Purpose,
    string Text);
