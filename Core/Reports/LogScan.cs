namespace Menshen.Core.Reports;

/// How `/__report/logs` walks the window, newest first, so that every page answers in bounded
/// time. The window is cut into slices of about `SliceRows` rows, using the per-quarter-hour row
/// counts (ids are unix microseconds, so a quarter hour is an id range). Each slice is one query
/// that stops at the page's last row. A walk that must test rows one by one (the text search,
/// several filters of which only one can use an index, or a filter whose value has no index:
/// `status=2xx`, `cached=false`) stops once it has read `Budget` rows
/// or spent `Time`, even if the page is not full; the page then ends with a cursor to the first
/// id not yet read. Such a walk reads a slice bigger than `SliceRows` in runs (ReadsInRuns), so
/// that the budget holds within a busy quarter hour too.
public sealed record LogScan(long SliceRows, long Budget, TimeSpan Time)
{
    public const long QuarterIds = 900_000L * 1000;

    /// Text search decompresses and reads every body of the slice (5 to 15 µs a row of a few
    /// KB here, but ~3 ms a MB: a coding agent's turn sends 0.1-20 MB), so its runs are also
    /// cut by the bytes of their bodies (RunBytes), and the budget is checked between runs.
    public static readonly LogScan Text = new(1_000, 20_000, TimeSpan.FromMilliseconds(100))
    {
        RunBytes = 8L * 1024 * 1024,
        BudgetBytes = 32L * 1024 * 1024,
    };

    /// The most body bytes (`request_bytes + response_bytes`) one run reads; a row holding
    /// more is a run of its own. Unbounded for the walks that read no body.
    public long RunBytes { get; init; } = long.MaxValue;

    /// Two or more filters, or one without an index of its value: at most one index walk, the
    /// rest tested per row (about 0.5 µs a row).
    public static readonly LogScan Filters = new(50_000, 150_000, TimeSpan.FromMilliseconds(100));

    /// No filter, or one walked by its index: every row the walk yields is a match.
    public static readonly LogScan Indexed = new(200_000, long.MaxValue, TimeSpan.MaxValue);

    /// One filter walked as a union of index ranges (the model): SQLite reads every match of the
    /// slice and sorts them before the page's `LIMIT`, so the slice is kept small. With a model
    /// of a fifth of the traffic a 200,000-row slice took 145-185 ms a page (`make
    /// bench-report`); a rare model walks more slices, each a few empty index ranges.
    public static readonly LogScan Union = new(10_000, long.MaxValue, TimeSpan.MaxValue);

    /// Whether the walk stops before its next slice, having read `rows` rows in `elapsed`.
    public bool Spent(long rows, TimeSpan elapsed) => rows >= Budget || elapsed >= Time;

    /// Whether a budgeted walk reads `slice` in runs of `SliceRows` rows (their bounds found in
    /// the id index) instead of in one query: a quarter hour busier than a slice is never cut by
    /// Slices, and one query over all of it would read past the budget before the budget is
    /// checked (helper-71: 1.1 M rows in one quarter hour, a text search of 8-10 s).
    public bool ReadsInRuns(LogSlice slice) => Budget != long.MaxValue && slice.Rows > SliceRows;

    /// The most body bytes a page reads (checked between runs, as Budget): the time budget
    /// alone depends on the machine, this one does not.
    public long BudgetBytes { get; init; } = long.MaxValue;

    /// Whether the walk stops before its next run, having read `rows` rows holding `bytes` of
    /// bodies in `elapsed`.
    public bool Spent(long rows, long bytes, TimeSpan elapsed) =>
        Spent(rows, elapsed) || bytes >= BudgetBytes;

    /// Whether each run's size is decided by its rows' body bytes (TakeByBytes).
    public bool RunsByBytes => RunBytes != long.MaxValue;

    /// How many of the rows (newest first, with their body bytes) the next run takes: as many
    /// as fit in RunBytes, and at least one.
    public int TakeByBytes(IReadOnlyList<long> bytesNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(bytesNewestFirst);
        var (taken, total) = (0, 0L);
        foreach (var bytes in bytesNewestFirst)
        {
            total += Math.Max(0, bytes);
            if (taken > 0 && total > RunBytes) break;
            taken++;
        }
        return taken;
    }

    /// The scan for a filter.
    public static LogScan For(SqlFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.ReadsBodies ? Text
            : filter.OnlyMatchesWalked ? (filter.WalksAUnion ? Union : Indexed)
            : Filters;
    }

    /// The first quarter hour that holds ids at or above `id`.
    public static long QuarterOf(long id) => id / QuarterIds;

    /// Slices over `[low, high)`, newest first, from the row counts of its quarter hours, newest
    /// first (quarters with no rows may be left out). A quarter is never split across slices.
    public IEnumerable<LogSlice> Slices(IEnumerable<(long Quarter, long Rows)> quartersNewestFirst,
        long low, long high)
    {
        ArgumentNullException.ThrowIfNull(quartersNewestFirst);
        var (top, rows) = (high, 0L);
        foreach (var (quarter, count) in quartersNewestFirst)
        {
            rows += count;
            var start = Math.Max(low, quarter * QuarterIds);
            if (rows < SliceRows || start >= top) continue;
            yield return new LogSlice(start, top, rows);
            (top, rows) = (start, 0);
        }
        if (rows > 0 && low < top) yield return new LogSlice(low, top, rows);
    }
}
