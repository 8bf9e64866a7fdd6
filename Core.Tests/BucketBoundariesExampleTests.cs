using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class BucketBoundariesExampleTests
{
    [Theory]
    [InlineData("America/New_York", "2024-03-10T05:00:00Z", 23)]
    [InlineData("America/New_York", "2024-11-03T04:00:00Z", 25)]
    [InlineData("Europe/Berlin", "2024-03-30T23:00:00Z", 23)]
    [InlineData("Asia/Kolkata", "2024-03-09T18:30:00Z", 24)]
    [InlineData("Asia/Calcutta", "2024-03-09T18:30:00Z", 24)]
    public void Day_starts_at_local_midnight_and_spans_the_dst_change(string zoneId, string start, int hours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var at = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);

        var actual = (BucketBoundaries.Floor(zone, TimeBucket.Day, at.AddHours(hours - 0.5)),
            BucketBoundaries.Next(zone, TimeBucket.Day, at));

        Assert.Equal((at, at.AddHours(hours)), actual);
    }

    [Fact]
    public void Day_after_a_skipped_midnight_starts_when_the_clock_jumps()
    {
        // Santiago moved from -04 to -03 at midnight on 2022-09-11: that day began at 01:00.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var actual = BucketBoundaries.Floor(zone, TimeBucket.Day, Utc("2022-09-11T12:00:00Z"));

        Assert.Equal(Utc("2022-09-11T04:00:00Z"), actual);
        Assert.Equal("01:00", TimeZoneInfo.ConvertTime(actual, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Day_that_never_happened_has_no_bucket()
    {
        // Samoa skipped 2011-12-30: the day after the 29th is the 31st.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Apia");
        var the29th = BucketBoundaries.Floor(zone, TimeBucket.Day, Utc("2011-12-29T20:00:00Z"));

        var actual = BucketBoundaries.Next(zone, TimeBucket.Day, the29th);

        Assert.Equal(new DateOnly(2011, 12, 31), BucketBoundaries.LocalDate(zone, actual));
        Assert.Equal(TimeSpan.FromHours(24), actual - the29th);
    }

    [Fact]
    public void Day_stays_begun_when_clocks_go_back_across_midnight()
    {
        // St. John's went from 00:01 NDT back to 23:01 NST on 1997-10-26 (02:31 UTC).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns");

        var actual = BucketBoundaries.Floor(zone, TimeBucket.Day, Utc("1997-10-26T03:00:00Z"));

        Assert.Equal(Utc("1997-10-26T02:30:00Z"), actual);
        Assert.Equal(new DateOnly(1997, 10, 26), BucketBoundaries.LocalDate(zone, Utc("1997-10-26T03:00:00Z")));
        Assert.Equal(Utc("1997-10-27T03:30:00Z"), BucketBoundaries.Next(zone, TimeBucket.Day, actual));
    }

    [Fact]
    public void Repeated_hour_is_two_hour_buckets()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var actual = BucketBoundaries.Starts(zone, TimeBucket.Hour, Utc("2024-11-03T04:30:00Z"), Utc("2024-11-03T07:10:00Z"));

        Assert.Equal([Utc("2024-11-03T04:00:00Z"), Utc("2024-11-03T05:00:00Z"), Utc("2024-11-03T06:00:00Z"), Utc("2024-11-03T07:00:00Z")], actual.ToArray());
    }

    [Fact]
    public void Half_hour_dst_change_gives_a_half_hour_bucket()
    {
        // Lord Howe: 02:00 +10:30 became 02:30 +11:00 on 2023-10-01 (15:30 UTC).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");

        var actual = BucketBoundaries.Starts(zone, TimeBucket.Hour, Utc("2023-09-30T14:30:00Z"), Utc("2023-09-30T16:00:00Z"));

        Assert.Equal([Utc("2023-09-30T14:30:00Z"), Utc("2023-09-30T15:30:00Z"), Utc("2023-09-30T16:00:00Z")], actual.ToArray());
    }

    [Fact]
    public void Hours_in_a_half_hour_zone_start_at_half_past_utc()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var actual = BucketBoundaries.Floor(zone, TimeBucket.Hour, Utc("2024-05-01T10:10:00Z"));

        Assert.Equal(Utc("2024-05-01T09:30:00Z"), actual);
    }

    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
}
