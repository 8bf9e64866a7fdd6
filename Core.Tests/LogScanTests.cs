using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class LogScanTests
{
    private const long Q = LogScan.QuarterIds;

    /// Quarter hours with their row counts, newest first, and an id range over them.
    private static readonly Gen<((long Quarter, long Rows)[] Quarters, long Low, long High, long SliceRows)> Walk =
        Gen.Select(Gen.Long[0, 40].Array[0, 30], Gen.Long[0, Q * 3], Gen.Long[1, Q * 3], Gen.Long[1, 100])
            .Select((counts, lowPart, highPart, slice) =>
            {
                var quarters = counts.Select((rows, i) => (Quarter: 1000L + counts.Length - 1 - i, Rows: rows))
                    .Where(q => q.Rows > 0).ToArray();
                var low = 1000 * Q + lowPart;
                return (quarters, low, Math.Max(low + 1, (1000L + counts.Length) * Q - highPart), slice);
            });

    [Fact]
    public void Slices_tile_the_id_range_newest_first_without_gaps() =>
        Walk.Sample(w =>
        {
            var actual = new LogScan(w.SliceRows, long.MaxValue, TimeSpan.MaxValue)
                .Slices(w.Quarters.Where(q => q.Quarter >= LogScan.QuarterOf(w.Low) && q.Quarter <= LogScan.QuarterOf(w.High - 1)), w.Low, w.High)
                .ToArray();

            // Consecutive and newest first; together they cover every quarter that has rows.
            var covered = w.Quarters.Where(q => q.Quarter * Q < w.High && (q.Quarter + 1) * Q > w.Low)
                .All(q => actual.Any(s => s.Low < (q.Quarter + 1) * Q && s.High > q.Quarter * Q));
            return actual.Zip(actual.Skip(1)).All(p => p.Item1.Low == p.Item2.High)
                && actual.All(s => s.Low < s.High && s.Low >= w.Low && s.High <= w.High)
                && (actual.Length == 0 || actual[0].High == w.High)
                && covered;
        });

    [Fact]
    public void Slices_hold_at_least_the_slice_size_except_the_oldest() =>
        Walk.Sample(w =>
        {
            var actual = new LogScan(w.SliceRows, long.MaxValue, TimeSpan.MaxValue).Slices(w.Quarters, w.Low, w.High).ToArray();

            return actual.SkipLast(1).All(s => s.Rows >= w.SliceRows) && actual.All(s => s.Rows > 0);
        });

    [Fact]
    public void Slices_cut_only_at_quarter_starts_or_the_range_ends() =>
        Walk.Sample(w =>
        {
            var actual = new LogScan(w.SliceRows, long.MaxValue, TimeSpan.MaxValue).Slices(w.Quarters, w.Low, w.High);

            return actual.All(s => s.Low == w.Low || s.Low % Q == 0);
        });

    [Theory]
    [InlineData(19_999, 99, false)]
    [InlineData(20_000, 0, true)]
    [InlineData(0, 100, true)]
    public void Spent_after_the_row_budget_or_the_time(long rows, int milliseconds, bool expected)
    {
        var actual = LogScan.Text.Spent(rows, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("text", 1_001, true)]
    [InlineData("text", 1_000, false)]
    [InlineData("filters", 50_001, true)]
    [InlineData("indexed", 10_000_000, false)]
    public void ReadsInRuns_a_budgeted_slice_bigger_than_the_slice_size(string scan, long rows,
        bool expected)
    {
        var walk = scan switch
        {
            "text" => LogScan.Text,
            "filters" => LogScan.Filters,
            _ => LogScan.Indexed,
        };

        Assert.Equal(expected, walk.ReadsInRuns(new LogSlice(0, Q, rows)));
    }

    // helper-78: runs of a text search are cut by the bytes of their bodies too.
    [Fact]
    public void TakeByBytes_takes_what_fits_and_at_least_one() =>
        Gen.Long[0, 12_000_000].List[0, 30].Sample(bytes =>
        {
            var taken = LogScan.Text.TakeByBytes(bytes);
            var sum = bytes.Take(taken).Sum();
            var fits = taken <= 1 || sum <= LogScan.Text.RunBytes;
            var maximal = taken == bytes.Count || sum + bytes[taken] > LogScan.Text.RunBytes;
            return fits && maximal && (bytes.Count == 0 ? taken == 0 : taken >= 1);
        });

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 32L * 1024 * 1024, true)]
    [InlineData(0, 32L * 1024 * 1024 - 1, false)]
    public void Text_walk_stops_at_its_byte_budget(long rows, long bytes, bool expected) =>
        Assert.Equal(expected, LogScan.Text.Spent(rows, bytes, TimeSpan.Zero));

    [Fact]
    public void Only_the_text_walk_runs_by_bytes() =>
        Assert.Equal((true, false, false),
            (LogScan.Text.RunsByBytes, LogScan.Filters.RunsByBytes, LogScan.Indexed.RunsByBytes));

    [Fact]
    public void Slices_of_a_range_without_rows_are_none()
    {
        var actual = LogScan.Text.Slices([], 5 * Q, 9 * Q);

        Assert.Empty(actual);
    }

    [Theory]
    [InlineData("q=x", 1_000, 20_000, 100)]
    [InlineData("model=m&key=k", 50_000, 150_000, 100)]
    [InlineData("model=m", 10_000, long.MaxValue, -1)]
    [InlineData("key=k", 200_000, long.MaxValue, -1)]
    [InlineData("", 200_000, long.MaxValue, -1)]
    public void For_filter_budgets_row_by_row_scans(string query, long slice, long budget, int milliseconds)
    {
        var filter = new LogFilter(
            Model: query.Contains("model", StringComparison.Ordinal) ? "m" : null,
            Key: query.Contains("key", StringComparison.Ordinal) ? "k" : null,
            Text: query.StartsWith("q=", StringComparison.Ordinal) ? "x" : null);

        var actual = LogScan.For(LogSql.Filter(filter));

        Assert.Equal((slice, budget, milliseconds < 0 ? TimeSpan.MaxValue
            : TimeSpan.FromMilliseconds(milliseconds)), (actual.SliceRows, actual.Budget, actual.Time));
    }

    // The common values have no index entry (schema 8): alone, they are tested row by row.
    [Theory]
    [InlineData(2, null, false)]
    [InlineData(null, false, false)]
    [InlineData(5, null, true)]
    [InlineData(null, true, true)]
    public void For_a_common_value_budgets_the_walk(int? statusClass, bool? cached, bool indexed)
    {
        var actual = LogScan.For(LogSql.Filter(new LogFilter(StatusClass: statusClass, Cached: cached)));

        Assert.Equal(indexed ? LogScan.Indexed : LogScan.Filters, actual);
    }

    // Mutation testing (helper-93): rows whose bodies fill a run exactly are one run.
    [Fact]
    public void TakeByBytes_takes_rows_that_fill_the_run_exactly()
    {
        var half = LogScan.Text.RunBytes / 2;

        Assert.Equal(2, LogScan.Text.TakeByBytes([half, half, 1]));
    }
}
