using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// Time buckets on the local clock of a time zone, as UTC instants. A day bucket runs from the
/// first instant of a local date to the first instant of the next one (23 or 25 hours across a
/// DST change; it starts after a skipped midnight). An hour bucket is a local clock hour at one
/// UTC offset, so the hour repeated when clocks go back is two buckets, as the browser draws it.
/// Time zone rules are data held by the TimeZoneInfo passed in: nothing here does I/O.
public static class BucketBoundaries
{
    private const int MaxBuckets = 200_000;

    // Clocks never go back by more than this (double summer time ended by two hours).
    private const long MaxSetBack = 3 * TimeSpan.TicksPerHour;

    /// The index of the bucket holding `ms` among ascending bucket `starts`: the last start at or
    /// before it (0 for an earlier instant; the last bucket holds everything after its start).
    public static int IndexOf(ReadOnlySpan<long> starts, long ms)
    {
        var found = starts.BinarySearch(ms);
        return Math.Max(0, found >= 0 ? found : ~found - 1);
    }

    /// The start of the bucket holding `instant`.
    public static DateTimeOffset Floor(TimeZoneInfo zone, TimeBucket bucket, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var ticks = instant.UtcTicks;
        return Utc(bucket == TimeBucket.Hour ? HourFloor(zone, ticks) : DayFloor(zone, ticks));
    }

    /// The start of the bucket after the one that starts at `start` (a value of Floor).
    public static DateTimeOffset Next(TimeZoneInfo zone, TimeBucket bucket, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var ticks = start.UtcTicks;
        return Utc(bucket == TimeBucket.Hour ? HourNext(zone, ticks) : DayNext(zone, ticks));
    }

    /// Consecutive bucket starts from Floor(from) to the start of the bucket holding `to`: the
    /// buckets cover [Floor(from), Next(last)) without gaps or overlaps.
    public static ImmutableArray<DateTimeOffset> Starts(
        TimeZoneInfo zone, TimeBucket bucket, DateTimeOffset from, DateTimeOffset to)
    {
        var starts = ImmutableArray.CreateBuilder<DateTimeOffset>();
        for (var start = Floor(zone, bucket, from); start <= to; start = Next(zone, bucket, start))
        {
            if (starts.Count == MaxBuckets) throw new ArgumentOutOfRangeException(nameof(to),
                "too many buckets");
            starts.Add(start);
        }
        return starts.ToImmutable();
    }

    /// The local date of the day bucket holding `instant`: the date on the zone's clock, or the
    /// later date it already showed when clocks went back across midnight.
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(LatestLocal(zone, instant.UtcTicks));
    }

    private static long HourFloor(TimeZoneInfo zone, long ticks)
    {
        var offset = Offset(zone, ticks);
        var local = ticks + offset;
        var start = local - Mod(local, TimeSpan.TicksPerHour) - offset;
        // A change of offset inside the local hour: the bucket begins at the change.
        return Offset(zone, start) == offset ? start
            : FirstTrue(start, ticks, x => Offset(zone, x) == offset);
    }

    private static long HourNext(TimeZoneInfo zone, long start)
    {
        var offset = Offset(zone, start);
        var local = start + offset;
        var end = local - Mod(local, TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour - offset;
        return Offset(zone, end - 1) == offset ? end
            : FirstTrue(start, end - 1, x => Offset(zone, x) != offset);
    }

    private static long DayFloor(TimeZoneInfo zone, long ticks)
    {
        var date = LatestLocal(zone, ticks).Date;
        if (!zone.IsInvalidTime(date) && !zone.IsAmbiguousTime(date))
        {
            var midnight = date.Ticks - zone.GetUtcOffset(date).Ticks;
            if (Local(zone, midnight).Date == date
                && LatestLocal(zone, midnight - 1).Date < date) return midnight;
        }
        // A skipped or repeated midnight: the first instant at which the clock shows `date`.
        return FirstTrue(ticks - 2 * TimeSpan.TicksPerDay, ticks,
            x => LatestLocal(zone, x).Date >= date);
    }

    private static long DayNext(TimeZoneInfo zone, long start)
    {
        var date = LatestLocal(zone, start).Date;
        var probe = start + TimeSpan.TicksPerDay;
        while (LatestLocal(zone, probe).Date <= date) probe += TimeSpan.TicksPerHour;
        return DayFloor(zone, probe);
    }

    /// The latest local time the clock has shown by `ticks`. It differs from the local time
    /// only just after clocks went back; a day that has begun stays begun even if clocks go
    /// back across midnight (St. John's did so at 00:01 until 2011).
    private static DateTime LatestLocal(TimeZoneInfo zone, long ticks)
    {
        var local = Local(zone, ticks);
        var before = Offset(zone, ticks - MaxSetBack);
        if (before <= Offset(zone, ticks)) return local;
        var change = FirstTrue(ticks - MaxSetBack, ticks, x => Offset(zone, x) != before);
        var shown = new DateTime(change - 1 + before, DateTimeKind.Unspecified);
        return shown > local ? shown : local;
    }

    /// The smallest x in (low, high] with `test(x)`, given test(low) is false and test(high) true.
    private static long FirstTrue(long low, long high, Func<long, bool> test)
    {
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (test(middle)) high = middle;
            else low = middle;
        }
        return high;
    }

    private static long Offset(TimeZoneInfo zone, long utcTicks) =>
        zone.GetUtcOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero)).Ticks;

    private static DateTime Local(TimeZoneInfo zone, long utcTicks) =>
        new(utcTicks + Offset(zone, utcTicks), DateTimeKind.Unspecified);

    private static long Mod(long value, long divisor) => (value % divisor + divisor) % divisor;

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
