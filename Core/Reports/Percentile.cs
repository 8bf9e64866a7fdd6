namespace Menshen.Core.Reports;

/// Nearest-rank percentiles: the p-th percentile of n values is the value at 1-based rank
/// ceil(p/100 × n) in ascending order, always one of the values (never interpolated).
public static class Percentile
{
    /// The 1-based nearest rank of the `percent`-th percentile among `count` values (count ≥ 1).
    public static long Rank(long count, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        return Math.Max(1, (count * percent + 99) / 100);
    }

    /// Where an ordered scan finds that value: the shorter way, from the smallest or the largest.
    public static PercentileSeek Seek(long count, int percent)
    {
        var rank = Rank(count, percent);
        var fromTop = count - rank;
        return fromTop < rank - 1 ? new PercentileSeek(Descending: true, fromTop)
            : new PercentileSeek(Descending: false, rank - 1);
    }
}
