namespace Finsam.FollowUp.Reports;

/// <summary>
/// The one place a report's counts pass through on their way out (issue 13, item 5): each table is suppressed with
/// <see cref="SmallCells"/> and each hidden count becomes null with its path in <see cref="Suppressed"/>; a figure
/// computed from a group (a median, a mean, a minimum) is shown only when the group is at least the threshold, since
/// a small group's median or maximum is one person's value.
/// </summary>
public sealed class Figures(int threshold)
{
    private readonly List<string> _suppressed = [];
    private readonly HashSet<string> _hidden = [];

    public int Threshold => threshold;

    public IReadOnlyList<string> Suppressed => _suppressed;

    public bool IsHidden(string path) => _hidden.Contains(path);

    /// <summary>A count that stands alone: hidden when it is a small cell.</summary>
    public int? Count(string path, int value) => value > 0 && value < threshold ? Hide(path) : value;

    /// <summary>A count hidden because another figure would give it away.</summary>
    public int? Hide(string path)
    {
        if (_hidden.Add(path))
        {
            _suppressed.Add(path);
        }

        return null;
    }

    /// <summary>
    /// A row of counts that add up to a total shown elsewhere (<paramref name="totalPath"/>): suppressed as a table, so a
    /// hidden cell cannot be worked out from the total and the others. A total that must be hidden is hidden at its path.
    /// </summary>
    public Dictionary<string, int?> Row(string path, IReadOnlyList<string> keys, Func<string, int> count, string? totalPath = null)
    {
        var counts = new int[1, keys.Count];
        for (var c = 0; c < keys.Count; c++)
        {
            counts[0, c] = count(keys[c]);
        }

        var hidden = SmallCells.Suppress(counts, threshold);
        if (totalPath is not null && hidden[0, keys.Count])
        {
            Hide(totalPath);
        }

        return keys.Select((key, c) => (key, value: hidden[0, c] ? Hide($"{path}.{key}") : counts[0, c])).ToDictionary(x => x.key, x => x.value);
    }

    /// <summary>Counts that need not add up to anything (several income sources per person): each hidden when small.</summary>
    public Dictionary<string, int?> Independent(string path, IReadOnlyList<string> keys, Func<string, int> count) =>
        keys.ToDictionary(key => key, key => Count($"{path}.{key}", count(key)));

    /// <summary>A two-way table with its row and column totals, suppressed as a whole.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, int?>> Matrix(
        string path, IReadOnlyList<string> rows, IReadOnlyList<string> columns, Func<string, string, int> count)
    {
        var counts = new int[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                counts[r, c] = count(rows[r], columns[c]);
            }
        }

        var hidden = rows.Count == 0 || columns.Count == 0 ? new bool[rows.Count + 1, columns.Count + 1] : SmallCells.Suppress(counts, threshold);
        return rows.Select((row, r) => (row, cells: (IReadOnlyDictionary<string, int?>)columns
                .Select((column, c) => (column, value: hidden[r, c] ? Hide($"{path}.{row}.{column}") : counts[r, c]))
                .ToDictionary(x => x.column, x => x.value)))
            .ToDictionary(x => x.row, x => x.cells);
    }

    /// <summary>The median of a group, or null when the group is smaller than the threshold.</summary>
    public double? Median(IReadOnlyList<int> values)
    {
        if (values.Count < threshold)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>A statistic of a group (a mean, a minimum, a maximum), or null when the group is smaller than the threshold.</summary>
    public T? OfGroup<T>(IReadOnlyList<int> values, Func<IReadOnlyList<int>, T> statistic)
        where T : struct => values.Count < threshold ? null : statistic(values);

    /// <summary>A whole percentage, rounded half away from zero; none of a hidden count or of nothing.</summary>
    public static int? Percent(int? part, int? whole) =>
        part is null || whole is null or 0 ? null : (int)Math.Round(100.0 * part.Value / whole.Value, MidpointRounding.AwayFromZero);
}
