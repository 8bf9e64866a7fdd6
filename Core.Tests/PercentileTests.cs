using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class PercentileTests
{
    [Fact]
    public void Seek_reads_the_nearest_rank_value() =>
        Gen.Select(ReportGens.Durations, ReportGens.Percent).Sample((values, percent) =>
        {
            var actual = Read(values, percent);

            // Nearest rank: the smallest value with at least `percent`% of the values at or below it.
            long n = values.Length;
            return 100 * values.Count(v => v <= actual) >= percent * n
                && 100 * values.Count(v => v < actual) < percent * n;
        });

    [Fact]
    public void Seek_value_is_monotone_in_percent() =>
        Gen.Select(ReportGens.Durations, ReportGens.Percent, ReportGens.Percent).Sample((values, a, b) =>
            Read(values, Math.Min(a, b)) <= Read(values, Math.Max(a, b)));

    [Fact]
    public void Seek_takes_the_shorter_way() =>
        Gen.Select(Gen.Long[1, 10_000_000], ReportGens.Percent).Sample((count, percent) =>
        {
            var actual = Percentile.Seek(count, percent);

            var rank = Percentile.Rank(count, percent);
            return actual.Offset == Math.Min(rank - 1, count - rank)
                && actual.Offset < count;
        });

    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(1, 95, 1)]
    [InlineData(4, 50, 2)]
    [InlineData(10, 95, 10)]
    [InlineData(20, 95, 19)]
    [InlineData(100, 1, 1)]
    [InlineData(100, 100, 100)]
    public void Rank_is_ceiling_of_percent_of_count(long count, int percent, long expected)
    {
        var actual = Percentile.Rank(count, percent);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Rank_of_no_values_is_a_broken_contract() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Rank(0, 50));

    private static double Read(double[] values, int percent)
    {
        var sorted = values.Order().ToArray();
        var seek = Percentile.Seek(sorted.Length, percent);
        return seek.Descending ? sorted[^(int)(seek.Offset + 1)] : sorted[seek.Offset];
    }
}
