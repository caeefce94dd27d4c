using Finsam.Contracts.Codes;

namespace Finsam.FollowUp.Reports;

/// <summary>
/// <c>Finsam:FollowUp</c>: the small-cell threshold and the code groups a report counts by. A list left out of the
/// configuration has its default; one given replaces it (the configuration binder would otherwise append to it).
/// </summary>
public sealed class ReportSettings
{
    public int SmallCellThreshold { get; set; } = SmallCells.DefaultThreshold;

    /// <summary>Seed 002's Tabell 11 reading, widening step by step; configurable because associations count differently.</summary>
    public List<RollupSettings>? Rollups { get; set; }

    public IReadOnlyList<RollupSettings> RollupsInForce => Rollups ?? DefaultRollups;

    private static readonly List<RollupSettings> DefaultRollups =
    [
        new() { Name = "Lönearbete", Codes = [Occupations.PaidWork] },
        new() { Name = "Lönearbete och arbete med lönebidrag", Codes = [Occupations.PaidWork, Occupations.SubsidisedWork] },
        new() { Name = "Arbete, praktik och studier", Codes = [Occupations.PaidWork, Occupations.SubsidisedWork, Occupations.Praktik, Occupations.Studies] },
    ];

    /// <summary>Income at start that counts as living on benefits or assistance (RE-AIM's effectiveness, seed 003).</summary>
    public List<string>? SupportAtStart { get; set; }

    public IReadOnlyList<string> SupportAtStartInForce => SupportAtStart ?? ["forsorjningsstod", "fk-benefit", "a-kassa", "aktivitetsstod"];

    /// <summary>Outcomes at end that count as having moved to work or studies (seed 003: employment, with or without lönebidrag, or praktik).</summary>
    public List<string>? WorkOrStudiesAtEnd { get; set; }

    public IReadOnlyList<string> WorkOrStudiesAtEndInForce =>
        WorkOrStudiesAtEnd ?? [Occupations.PaidWork, Occupations.SubsidisedWork, Occupations.Praktik, Occupations.Studies];

    /// <summary>What counts as employed in the association's summary (seed 004).</summary>
    public List<string>? Employed { get; set; }

    public IReadOnlyList<string> EmployedInForce => Employed ?? [Occupations.PaidWork, Occupations.SubsidisedWork];
}

public sealed class RollupSettings
{
    public string Name { get; set; } = "";

    public List<string> Codes { get; set; } = [];
}
