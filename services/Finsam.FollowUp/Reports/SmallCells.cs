namespace Finsam.FollowUp.Reports;

/// <summary>
/// Small-cell suppression for a report table with its row and column totals (issue 13, item 5). Every count from 1 to
/// the threshold minus one is hidden (primary suppression), and then enough further cells (secondary suppression) that
/// no hidden count can be worked out from the totals and the counts still shown: no row or column is left with a single
/// hidden cell, and no hidden cell is fixed by the rows and columns together (checked by linear algebra, since a chain
/// of rows and columns can pin a value that no single one does).
/// </summary>
public static class SmallCells
{
    public const int DefaultThreshold = 5;

    /// <summary>
    /// Which cells to hide in <paramref name="counts"/> extended with its totals: the result has one more row (the column
    /// totals) and one more column (the row totals); the corner is the grand total.
    /// </summary>
    public static bool[,] Suppress(int[,] counts, int threshold = DefaultThreshold)
    {
        var table = WithTotals(counts);
        var rows = table.GetLength(0);
        var columns = table.GetLength(1);
        var hidden = new bool[rows, columns];
        foreach (var (r, c) in Cells(rows, columns).Where(cell => table[cell.R, cell.C] is > 0 and var v && v < threshold))
        {
            hidden[r, c] = true;
        }

        // Each pass hides one more cell, so this ends; in the worst case everything is hidden.
        var relations = Relations(rows, columns);
        while (Candidates(table, hidden, relations) is { Count: > 0 } candidates)
        {
            var partner = candidates
                .OrderBy(cell => table[cell.R, cell.C] == 0 ? 1 : 0) // a shown zero tells little; hide a count before a zero
                .ThenBy(cell => cell.R == rows - 1 || cell.C == columns - 1 ? 1 : 0) // inner cells before totals
                .ThenBy(cell => table[cell.R, cell.C])
                .First();
            hidden[partner.R, partner.C] = true;
        }

        return hidden;
    }

    /// <summary>The counts with a column of row totals, a row of column totals and the grand total in the corner.</summary>
    public static int[,] WithTotals(int[,] counts)
    {
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        var table = new int[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                table[r, c] = counts[r, c];
                table[r, columns] += counts[r, c];
                table[rows, c] += counts[r, c];
                table[rows, columns] += counts[r, c];
            }
        }

        return table;
    }

    /// <summary>
    /// Every sum the table states: each row (its cells add up to its total, the totals row included) and each column
    /// (likewise, the totals column included). Each relation lists its cells, the total last.
    /// </summary>
    public static IReadOnlyList<(int R, int C)[]> Relations(int rows, int columns) =>
    [
        .. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Select(c => (r, c)).ToArray()),
        .. Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, rows).Select(r => (r, c)).ToArray()),
    ];

    private static IEnumerable<(int R, int C)> Cells(int rows, int columns) =>
        Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, columns).Select(c => (r, c)));

    /// <summary>
    /// The shown cells one of which must be hidden next: those of a sum with a single hidden cell (it would be the sum
    /// less the rest), else those in the row or column of a hidden cell that the sums fix all the same, else none.
    /// </summary>
    private static List<(int R, int C)> Candidates(int[,] table, bool[,] hidden, IReadOnlyList<(int R, int C)[]> relations)
    {
        if (relations.FirstOrDefault(relation => relation.Count(cell => hidden[cell.R, cell.C]) == 1) is { } lone)
        {
            return [.. lone.Where(cell => !hidden[cell.R, cell.C])];
        }

        if (Determined(table, hidden, relations) is not { } fixedCell)
        {
            return [];
        }

        var near = relations.Where(relation => relation.Contains(fixedCell)).SelectMany(relation => relation).Where(cell => !hidden[cell.R, cell.C]).ToList();
        return near.Count > 0 ? near : [.. Cells(table.GetLength(0), table.GetLength(1)).Where(cell => !hidden[cell.R, cell.C])];
    }

    /// <summary>
    /// A hidden cell whose value the shown cells and the sums fix, or null. The hidden cells are the unknowns of the sums;
    /// a cell is fixed when its unit vector lies in the row space of their coefficients: in the reduced row echelon form,
    /// its column is a pivot whose row has nothing in the free columns.
    /// </summary>
    private static (int R, int C)? Determined(int[,] table, bool[,] hidden, IReadOnlyList<(int R, int C)[]> relations)
    {
        var unknowns = Cells(table.GetLength(0), table.GetLength(1)).Where(cell => hidden[cell.R, cell.C]).ToList();
        var matrix = relations.Select(relation => unknowns.Select(u =>
            !relation.Contains(u) ? 0.0 : relation[^1] == u ? -1.0 : 1.0).ToArray()).ToList();
        var pivots = ReducedRowEchelon(matrix, unknowns.Count);
        var free = Enumerable.Range(0, unknowns.Count).Where(c => !pivots.ContainsKey(c)).ToList();
        foreach (var (column, row) in pivots)
        {
            if (free.All(c => Math.Abs(matrix[row][c]) < 1e-9))
            {
                return unknowns[column];
            }
        }

        return null;
    }

    /// <summary>Reduces <paramref name="matrix"/> in place; returns each pivot column with its row.</summary>
    private static Dictionary<int, int> ReducedRowEchelon(List<double[]> matrix, int width)
    {
        var pivots = new Dictionary<int, int>();
        var row = 0;
        for (var column = 0; column < width && row < matrix.Count; column++)
        {
            var best = Enumerable.Range(row, matrix.Count - row).MaxBy(r => Math.Abs(matrix[r][column]));
            if (Math.Abs(matrix[best][column]) < 1e-9)
            {
                continue;
            }

            (matrix[row], matrix[best]) = (matrix[best], matrix[row]);
            var pivot = matrix[row][column];
            for (var c = 0; c < width; c++)
            {
                matrix[row][c] /= pivot;
            }

            for (var r = 0; r < matrix.Count; r++)
            {
                if (r != row && Math.Abs(matrix[r][column]) > 1e-12)
                {
                    var factor = matrix[r][column];
                    for (var c = 0; c < width; c++)
                    {
                        matrix[r][c] -= factor * matrix[row][c];
                    }
                }
            }

            pivots[column] = row;
            row++;
        }

        return pivots;
    }
}
