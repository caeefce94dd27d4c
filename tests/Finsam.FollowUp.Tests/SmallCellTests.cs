using CsCheck;
using Finsam.FollowUp.Reports;

namespace Finsam.FollowUp.Tests;

/// <summary>
/// Small-cell suppression (issue 13, item 5): every count from 1 to the threshold minus one is hidden, and no hidden count
/// can be worked out from the totals and the counts still shown, for any table.
/// </summary>
public sealed class SmallCellTests
{
    private static readonly Gen<int[,]> Tables =
        from rows in Gen.Int[1, 5]
        from columns in Gen.Int[1, 5]
        from values in Gen.Int[0, 40].Array[rows * columns]
        select ToTable(values, rows, columns);

    private static int[,] ToTable(int[] values, int rows, int columns)
    {
        var table = new int[rows, columns];
        for (var i = 0; i < values.Length; i++)
        {
            table[i / columns, i % columns] = values[i];
        }

        return table;
    }

    [Fact]
    public void Every_count_under_the_threshold_totals_included_is_hidden() =>
        Tables.Sample(counts =>
        {
            var table = SmallCells.WithTotals(counts);
            var hidden = SmallCells.Suppress(counts);
            for (var r = 0; r < table.GetLength(0); r++)
            {
                for (var c = 0; c < table.GetLength(1); c++)
                {
                    if (table[r, c] is >= 1 and < SmallCells.DefaultThreshold && !hidden[r, c])
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Fact]
    public void No_hidden_count_can_be_worked_out_from_the_rows_and_columns() =>
        Tables.Sample(counts =>
        {
            var table = SmallCells.WithTotals(counts);
            var hidden = SmallCells.Suppress(counts);
            return Cells(table).Where(cell => hidden[cell.R, cell.C]).All(cell => CouldBeOtherwise(table, hidden, cell));
        });

    [Fact]
    public void A_table_with_no_small_count_is_shown_whole() =>
        Assert.DoesNotContain(true, SmallCells.Suppress(new[,] { { 12, 0 }, { 7, 30 } }).Cast<bool>());

    [Fact]
    public void A_lone_small_count_takes_the_smallest_other_count_of_its_row_and_column_with_it()
    {
        var hidden = SmallCells.Suppress(new[,] { { 3, 9, 20 }, { 8, 12, 25 } });

        // 3 is hidden; 9 (its row) and 8 (its column) go with it, and 12 so that neither of those is left alone.
        Assert.Equal([true, true, false, true, true, false], Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(0, 3).Select(c => hidden[r, c])));
    }

    private static IEnumerable<(int R, int C)> Cells(int[,] table) =>
        Enumerable.Range(0, table.GetLength(0)).SelectMany(r => Enumerable.Range(0, table.GetLength(1)).Select(c => (r, c)));

    /// <summary>
    /// The oracle, written independently of the suppression: the table's sums, with the shown cells as known values,
    /// stay consistent when the hidden <paramref name="cell"/> is given another value (its value plus one), so no
    /// reader of the table can fix it. Consistency is rank([A]) == rank([A | b]), over the rationals.
    /// </summary>
    private static bool CouldBeOtherwise(int[,] table, bool[,] hidden, (int R, int C) cell)
    {
        var rows = table.GetLength(0);
        var columns = table.GetLength(1);
        var unknowns = Cells(table).Where(c => hidden[c.R, c.C]).ToList();
        var equations = new List<double[]>();
        foreach (var sum in SmallCells.Relations(rows, columns))
        {
            var coefficients = new double[unknowns.Count + 1];
            foreach (var member in sum)
            {
                var sign = member == sum[^1] ? -1.0 : 1.0;
                var index = unknowns.IndexOf(member);
                if (index >= 0)
                {
                    coefficients[index] += sign;
                }
                else
                {
                    coefficients[^1] -= sign * table[member.R, member.C];
                }
            }

            equations.Add(coefficients);
        }

        var pinned = new double[unknowns.Count + 1];
        pinned[unknowns.IndexOf(cell)] = 1;
        pinned[^1] = table[cell.R, cell.C] + 1;
        equations.Add(pinned);
        return Rank(equations, unknowns.Count) == Rank(equations, unknowns.Count + 1);
    }

    private static int Rank(List<double[]> equations, int width)
    {
        var m = equations.Select(e => e[..width].ToArray()).ToList();
        var rank = 0;
        for (var column = 0; column < width && rank < m.Count; column++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).FirstOrDefault(r => Math.Abs(m[r][column]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }

            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r != rank)
                {
                    var factor = m[r][column] / m[rank][column];
                    for (var c = 0; c < width; c++)
                    {
                        m[r][c] -= factor * m[rank][c];
                    }
                }
            }

            rank++;
        }

        return rank;
    }
}
