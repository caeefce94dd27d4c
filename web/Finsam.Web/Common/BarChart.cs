using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Finsam.Web.Common;

/// <summary>One series of a bar chart: its name and a value per category (null: suppressed, so not drawn).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int?> Values);

/// <summary>
/// Horizontal bar charts as inline SVG, drawn on the server (issue 13, item 6): no script, printable, and accessible:
/// <c>role="img"</c> with a title and a text alternative that says every value, each bar labelled with its number, and
/// series told apart by a pattern as well as a colour (both at least 3:1 against white, WCAG 1.4.11). The table beside
/// each chart has the same figures for those who would rather read them.
/// </summary>
public static class BarChart
{
    private const int LabelWidth = 260;
    private const int BarArea = 300;
    private const int BarHeight = 18;
    private const int Gap = 10;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        string[] fills = ["#00476b", $"url(#{id}-stripes)"];
        var max = Math.Max(1, series.SelectMany(s => s.Values).Max(v => v ?? 0));
        var rowHeight = series.Count * BarHeight + Gap;
        var legendHeight = series.Count > 1 ? 24 : 0;
        var height = legendHeight + categories.Count * rowHeight + Gap;
        var width = LabelWidth + BarArea + 80;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Encode(title)}</title><desc id="{id}-desc">{Encode(Description(categories, series))}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><pattern id="{id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#8a4b00"/><rect width="2" height="6" fill="#ffffff"/></pattern></defs>""");
        if (series.Count > 1)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var x = LabelWidth + s * 150;
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect x="{x}" y="4" width="14" height="14" fill="{fills[s % fills.Length]}" stroke="#1b1b1b"/><text x="{x + 20}" y="16" font-size="13">{Encode(series[s].Name)}</text>""");
            }
        }

        for (var c = 0; c < categories.Count; c++)
        {
            var top = legendHeight + Gap + c * rowHeight;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{LabelWidth - 8}" y="{top + series.Count * BarHeight / 2 + 5}" text-anchor="end" font-size="13">{Encode(Shorten(categories[c]))}</text>""");
            for (var s = 0; s < series.Count; s++)
            {
                var y = top + s * BarHeight;
                var value = series[s].Values[c];
                var length = value is { } v ? (int)Math.Round((double)BarArea * v / max) : 0;
                if (length > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"""<rect x="{LabelWidth}" y="{y + 2}" width="{length}" height="{BarHeight - 4}" fill="{fills[s % fills.Length]}" stroke="#1b1b1b" stroke-width="0.5"/>""");
                }

                svg.Append(CultureInfo.InvariantCulture,
                    $"""<text x="{LabelWidth + length + 6}" y="{y + BarHeight - 5}" font-size="12">{(value is { } shown ? shown.ToString(CultureInfo.InvariantCulture) : "prickad")}</text>""");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The chart in words: each category with each series' value, for screen readers and anyone without the picture.</summary>
    public static string Description(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        string.Join("; ", categories.Select((category, c) => $"{category}: " + string.Join(", ", series.Select(s =>
            (series.Count > 1 ? s.Name + " " : "") + (s.Values[c] is { } v ? v.ToString(CultureInfo.InvariantCulture) : "prickad"))))) + ".";

    private static string Shorten(string label) => label.Length <= 34 ? label : label[..33] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
