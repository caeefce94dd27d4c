using System.Globalization;
using System.Text;

namespace Finsam.Benchmarks.Suite;

/// <summary>One target of issue 6 and where this run stands against it.</summary>
public sealed record TargetCheck(string Scenario, string Target, string Measured, bool? Met);

/// <summary>
/// The Markdown report: a section per scenario with its baseline beside it, then every target with the
/// measured figure. A missed target is reported, never turned into a failure: the suite fails only when broken.
/// </summary>
public sealed class Report
{
    private readonly StringBuilder _body = new();
    private readonly List<TargetCheck> _targets = [];

    public IReadOnlyList<TargetCheck> Targets => _targets;

    public void Section(string title, string intro)
    {
        _body.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine().AppendLine(intro).AppendLine();
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.AppendLine("| " + string.Join(" | ", headers) + " |");
        _body.AppendLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows)
        {
            _body.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        _body.AppendLine();
    }

    public void Note(string text) => _body.AppendLine(text).AppendLine();

    public void Target(string scenario, string target, string measured, bool? met) => _targets.Add(new TargetCheck(scenario, target, measured, met));

    /// <summary>The load average when the run began (Linux), to show how busy the machine already was.</summary>
    public string LoadAtStart { get; } = LoadAverage();

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" elsewhere.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public string Render(SuiteOptions options, TimeSpan took, LoadWatch load)
    {
        var text = new StringBuilder();
        text.AppendLine("# Finsam benchmark report").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {(options.Smoke ? "**smoke mode** (tiny counts: proves the suite works; the figures mean nothing)" : "full mode")}, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; took {took.TotalSeconds:F0} s.");
        text.AppendLine();
        text.AppendLine("Every subject is measured beside its baseline in the same run, in alternating rounds where it applies, " +
            "so that the ratios hold on a noisy machine. The machine may be shared with other work; absolute figures move with it, ratios less so. " +
            $"Load average (1/5/15 min) at the start: {LoadAtStart}; at the end: {LoadAverage()} (on {Environment.ProcessorCount} cores).");
        text.AppendLine();
        text.AppendLine(load.Noisy switch
        {
            true => $"**Noisy run**: {load.Summary}: the figures measure the neighbours too. Do not commit this report.",
            false => $"Quiet run: {load.Summary}.",
            null => "The load could not be watched on this system (no /proc/loadavg).",
        });
        text.AppendLine();
        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("| scenario | target | measured | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var target in _targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {target.Scenario} | {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "**no**", null => "n/a" }} |");
        }

        text.AppendLine().Append(_body);
        return text.ToString();
    }

    public static string Duration(TimeSpan value) => value.TotalMilliseconds switch
    {
        >= 1000 => value.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s",
        >= 10 => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms",
        >= 1 => value.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture) + " ms",
        _ => (value.TotalMilliseconds * 1000).ToString("F1", CultureInfo.InvariantCulture) + " µs",
    };

    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "F1", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
