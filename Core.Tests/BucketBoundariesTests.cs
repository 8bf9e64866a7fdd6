using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class BucketBoundariesTests
{
    private static readonly Gen<(TimeZoneInfo, TimeBucket, DateTimeOffset)> Case =
        Gen.Select(ReportGens.Zone, ReportGens.Bucket, ReportGens.Instant);

    [Fact]
    public void Floor_holds_the_instant_before_the_next_start() =>
        Case.Sample((zone, bucket, t) =>
        {
            var actual = BucketBoundaries.Floor(zone, bucket, t);

            return actual <= t && t < BucketBoundaries.Next(zone, bucket, actual);
        });

    [Fact]
    public void IndexOf_is_the_last_start_at_or_before_the_instant() =>
        Gen.Select(Gen.Long[-1000, 1000].Array[1, 20], Gen.Long[-1100, 1100]).Sample((raw, ms) =>
        {
            long[] starts = [.. raw.Distinct().Order()];

            var actual = BucketBoundaries.IndexOf(starts, ms);

            var expected = Math.Max(0, Array.FindLastIndex(starts, s => s <= ms));
            return actual == expected;
        });

    [Fact]
    public void Floor_of_a_start_is_that_start() =>
        Case.Sample((zone, bucket, t) =>
        {
            var start = BucketBoundaries.Floor(zone, bucket, t);

            var actual = BucketBoundaries.Floor(zone, bucket, start);

            return actual == start;
        });

    [Fact]
    public void Next_is_a_later_start() =>
        Case.Sample((zone, bucket, t) =>
        {
            var start = BucketBoundaries.Floor(zone, bucket, t);

            var actual = BucketBoundaries.Next(zone, bucket, start);

            return actual > start && BucketBoundaries.Floor(zone, bucket, actual) == actual;
        });

    [Fact]
    public void Starts_cover_the_window_without_gaps_or_overlaps() =>
        Gen.Select(ReportGens.Zone, ReportGens.Bucket, ReportGens.Window, Gen.Double[0, 0.999]).Sample((zone, bucket, window, at) =>
        {
            var actual = BucketBoundaries.Starts(zone, bucket, window.From, window.To);

            var end = BucketBoundaries.Next(zone, bucket, actual[^1]);
            var t = actual[0].AddTicks((long)((end - actual[0]).Ticks * at));
            return actual[0] <= window.From && actual[^1] <= window.To && window.To < end
                && actual.Skip(1).Select((s, i) => BucketBoundaries.Next(zone, bucket, actual[i]) == s).All(ok => ok)
                && actual.Count(s => s <= t) - 1 == actual.IndexOf(BucketBoundaries.Floor(zone, bucket, t));
        });

    [Fact]
    public void Day_bucket_is_one_whole_local_date() =>
        Gen.Select(ReportGens.Zone, ReportGens.Instant).Sample((zone, t) =>
        {
            var start = BucketBoundaries.Floor(zone, TimeBucket.Day, t);

            var next = BucketBoundaries.Next(zone, TimeBucket.Day, start);

            var date = BucketBoundaries.LocalDate(zone, start);
            return BucketBoundaries.LocalDate(zone, next.AddTicks(-1)) == date
                && BucketBoundaries.LocalDate(zone, start.AddTicks(-1)) < date
                && BucketBoundaries.LocalDate(zone, next) > date;
        });

    [Fact]
    public void Hour_bucket_is_one_local_hour_at_one_offset() =>
        Gen.Select(ReportGens.Zone, ReportGens.Instant).Sample((zone, t) =>
        {
            var start = BucketBoundaries.Floor(zone, TimeBucket.Hour, t);

            var next = BucketBoundaries.Next(zone, TimeBucket.Hour, start);

            return HourKey(zone, start) == HourKey(zone, next.AddTicks(-1))
                && HourKey(zone, start) != HourKey(zone, start.AddTicks(-1))
                && HourKey(zone, next) != HourKey(zone, start)
                && next - start <= TimeSpan.FromHours(1);
        });

    private static (DateTime Hour, TimeSpan Offset) HourKey(TimeZoneInfo zone, DateTimeOffset t)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return (new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0), local.Offset);
    }
}
