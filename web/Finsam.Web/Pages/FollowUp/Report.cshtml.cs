using Finsam.Contracts.Api.FollowUp;
using Finsam.Web.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Finsam.Web.Pages.FollowUp;

/// <summary>
/// One intervention's follow-up report for a period and an as-of date: each table beside its chart, in Swedish, with a
/// CSV download and a print layout. Suppressed counts say "prickad"; the API has already hidden them.
/// </summary>
public sealed class ReportModel : WebPage
{
    [BindProperty(SupportsGet = true)] public string InterventionId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }

    public FollowUpReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await Gateway.GetAsync<FollowUpReport>(ReportPath(), cancellationToken);
        if (result.Problem is { } problem)
        {
            Show(problem, new Dictionary<string, string> { ["from"] = nameof(From), ["to"] = nameof(To), ["asOf"] = nameof(AsOf) });
        }

        Report = result.Value;
        if (Report is not null)
        {
            (From, To, AsOf) = (Words.Date(Report.From), Words.Date(Report.To), Words.Date(Report.AsOf));
        }
    }

    /// <summary>The report's tables as CSV, for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (response, problem) = await Gateway.StreamAsync(ReportPath(("format", "csv")), cancellationToken);
        if (response is null)
        {
            Show(problem!);
            return Page();
        }

        HttpContext.Response.RegisterForDispose(response);
        return File(await response.Content.ReadAsStreamAsync(cancellationToken), "text/csv; charset=utf-8", $"uppfoljning-{InterventionId}.csv");
    }

    public string CsvLink => Url.Page("/FollowUp/Report", "csv", new { InterventionId, From, To, AsOf })!;

    private string ReportPath(params (string Name, string Value)[] extra)
    {
        var query = new Dictionary<string, string?> { ["from"] = From, ["to"] = To, ["asOf"] = AsOf };
        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return QueryHelpers.AddQueryString($"api/follow-up/interventions/{Uri.EscapeDataString(InterventionId)}/report",
            query.Where(q => !string.IsNullOrWhiteSpace(q.Value)));
    }

    /// <summary>One series of counts by code, in the order and words of <paramref name="labels"/>.</summary>
    public static FigureTable Table(string id, string title, string rowHeading, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, int?> counts) =>
        new(id, title, rowHeading, ["Antal"], [.. labels.Where(l => counts.ContainsKey(l.Key)).Select(l => new FigureRow(l.Value, [counts[l.Key]]))]);

    /// <summary>The same counts at start and at end, side by side.</summary>
    public static FigureTable Compare(
        string id, string title, string rowHeading, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, int?> atStart, IReadOnlyDictionary<string, int?> atEnd) =>
        new(id, title, rowHeading, ["Vid start", "Vid avslut"],
            [.. labels.Where(l => atStart.ContainsKey(l.Key) || atEnd.ContainsKey(l.Key))
                .Select(l => new FigureRow(l.Value, [atStart.GetValueOrDefault(l.Key), atEnd.GetValueOrDefault(l.Key)]))]);

    /// <summary>A count as shown: the number, or "prickad" when it is suppressed.</summary>
    public static string Shown(int? count) => count?.ToString(Words.Swedish) ?? "prickad";

    public static string Percent(int? percent) => percent is { } p ? $"{p} %" : "–";

    public static string Number(double? value) => value?.ToString("0.#", Words.Swedish) ?? "–";
}
