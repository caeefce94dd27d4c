using System.Globalization;
using System.Text;
using Finsam.Contracts.Api.FollowUp;

namespace Finsam.FollowUp.Reports;

/// <summary>
/// A report's tables as CSV (issue 13, item 6) for a spreadsheet in Swedish settings: semicolons, a decimal comma, one
/// line per cell named by its table and category as in the JSON. A suppressed count is empty and marked, never a number.
/// </summary>
public static class ReportCsv
{
    public const string Header = "tabell;kategori;antal;procent;prickad";

    /// <summary>The tables a CSV can be limited to (<c>?table=</c>), in the order they are written.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "participants", "participants.bySex", "participants.byAgeBand", "referrers", "waitingDays", "supportMonths",
        "statusAtStart.occupation", "statusAtStart.incomeSources", "statusAtStart.extentBands",
        "statusAtEnd.occupation", "statusAtEnd.incomeSources", "statusAtEnd.extentBands",
        "movement", "effectiveness", "rollups", "daysToFirstEmployerContact", "caseload", "reAim",
    ];

    public static string Write(FollowUpReport report, string? table = null)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (name, category, value, percent) in Lines(report).Where(line => table is null || line.Table == table))
        {
            csv.Append(name).Append(';').Append(Quoted(category)).Append(';').Append(Number(value)).Append(';').Append(Number(percent)).Append(';')
                .Append(value is null && report.Suppressed.Contains(PathOf(name, category)) ? "ja" : "").Append('\n');
        }

        return csv.ToString();
    }

    private static IEnumerable<(string Table, string Category, double? Value, double? Percent)> Lines(FollowUpReport r)
    {
        var p = r.Participants;
        foreach (var (category, value, percent) in new (string, int?, int?)[]
                 {
                     ("enrolled", p.Enrolled, p.ReachPercent), ("closed", p.Closed, null), ("ongoing", p.Ongoing, null), ("droppedOut", p.DroppedOut, null),
                     ("anonymous", p.Anonymous, null), ("target", p.Target, null),
                 })
        {
            yield return ("participants", category, value, percent);
        }

        foreach (var line in Cells("participants.bySex", p.BySex).Concat(Cells("participants.byAgeBand", p.ByAgeBand)).Concat(Cells("referrers", r.Referrers)))
        {
            yield return line;
        }

        yield return ("waitingDays", "median", r.WaitingDays.Median, null);
        foreach (var line in Cells("waitingDays.buckets", r.WaitingDays.Buckets))
        {
            yield return line with { Table = "waitingDays", Category = "buckets." + line.Category };
        }

        yield return ("supportMonths", "mean", r.SupportMonths.Mean, null);
        yield return ("supportMonths", "min", r.SupportMonths.Min, null);
        yield return ("supportMonths", "max", r.SupportMonths.Max, null);
        foreach (var line in Cells("supportMonths.buckets", r.SupportMonths.Buckets))
        {
            yield return line with { Table = "supportMonths", Category = "buckets." + line.Category };
        }

        foreach (var (name, status) in new[] { ("statusAtStart", r.StatusAtStart), ("statusAtEnd", r.StatusAtEnd) })
        {
            foreach (var line in Cells($"{name}.occupation", status.Occupation).Concat(Cells($"{name}.incomeSources", status.IncomeSources))
                         .Concat(Cells($"{name}.extentBands", status.ExtentBands)))
            {
                yield return line;
            }
        }

        foreach (var (from, row) in r.Movement)
        {
            foreach (var (to, value) in row)
            {
                yield return ("movement", $"{from}.{to}", value, null);
            }
        }

        yield return ("effectiveness", "closed", r.Effectiveness.Closed, null);
        yield return ("effectiveness", "movedToWorkOrStudies", r.Effectiveness.MovedToWorkOrStudies, r.Effectiveness.Percent);
        foreach (var (rollup, index) in r.Rollups.Select((rollup, index) => (rollup, index)))
        {
            yield return ("rollups", $"[{index}].count", rollup.Count, rollup.Percent);
        }

        yield return ("daysToFirstEmployerContact", "median", r.DaysToFirstEmployerContact.Median, null);
        yield return ("caseload", "coaches", r.Caseload.Coaches, null);
        yield return ("caseload", "mean", r.Caseload.Mean, null);
        yield return ("caseload", "max", r.Caseload.Max, null);
        yield return ("reAim", "reach", null, r.ReAim.Reach);
        yield return ("reAim", "effectiveness", null, r.ReAim.Effectiveness);
        yield return ("reAim", "adoption.unitsActive", r.ReAim.Adoption.UnitsActive, null);
        yield return ("reAim", "adoption.units", r.ReAim.Adoption.Units, null);
        yield return ("reAim", "adoption.coachesActive", r.ReAim.Adoption.CoachesActive, null);
        yield return ("reAim", "maintenance.followedUp", r.ReAim.Maintenance.FollowedUp, null);
        yield return ("reAim", "maintenance.inWorkOrStudies", r.ReAim.Maintenance.InWorkOrStudies, r.ReAim.Maintenance.Percent);
        foreach (var unit in r.ReAim.Implementation)
        {
            yield return ("reAim", $"implementation.{unit.UnitId}", unit.Total, null);
        }
    }

    /// <summary>The cell's path as <see cref="FollowUpReport.Suppressed"/> names it.</summary>
    private static string PathOf(string table, string category) => category.StartsWith('[') ? table + category : $"{table}.{category}";

    private static IEnumerable<(string Table, string Category, double? Value, double? Percent)> Cells(string table, IReadOnlyDictionary<string, int?> cells) =>
        cells.Select(cell => (table, cell.Key, (double?)cell.Value, (double?)null));

    private static string Number(double? value) => value?.ToString(CultureInfo.GetCultureInfo("sv-SE")).Replace('\u2212', '-') ?? "";

    /// <summary>Categories are codes; quoting anyway keeps a configured code with a semicolon from breaking a line.</summary>
    private static string Quoted(string text) => text.Contains(';') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
