namespace Finsam.Web.Common;

/// <summary>A report table and the chart drawn from it: rows of categories, a column per series (e.g. at start, at end).</summary>
public sealed record FigureTable(string Id, string Title, string RowHeading, IReadOnlyList<string> SeriesNames, IReadOnlyList<FigureRow> Rows)
{
    public IReadOnlyList<ChartSeries> Series =>
        [.. SeriesNames.Select((name, s) => new ChartSeries(name, [.. Rows.Select(r => r.Values[s])]))];
}

public sealed record FigureRow(string Label, IReadOnlyList<int?> Values);
