using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

/// Generators for the report API: time zones with unusual rules, instants, CSV fields, durations.
public static class ReportGens
{
    /// Zones with whole-hour, half-hour and 45-minute offsets, 30-minute DST, DST at midnight,
    /// a skipped calendar day (Apia, 2011-12-30), clocks going back across midnight (St. John's
    /// before 2011) and southern-hemisphere DST.
    public static readonly string[] ZoneIds =
    [
        "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
        "America/Santiago", "America/Havana", "Pacific/Apia", "Pacific/Chatham", "Asia/Tehran",
        "America/St_Johns", "America/Goose_Bay", "Australia/Adelaide", "America/Sao_Paulo", "Asia/Calcutta",
    ];

    public static readonly Gen<TimeZoneInfo> Zone = Gen.OneOf(ZoneIds).Select(TimeZoneInfo.FindSystemTimeZoneById);

    /// Instants from 1995 to 2045, to the tick.
    public static readonly Gen<DateTimeOffset> Instant =
        Gen.Long[new DateTime(1995, 1, 1).Ticks, new DateTime(2045, 1, 1).Ticks].Select(t => new DateTimeOffset(t, TimeSpan.Zero));

    public static readonly Gen<TimeBucket> Bucket = Gen.Enum<TimeBucket>();

    /// A window: its start and a length of up to 40 days.
    public static readonly Gen<(DateTimeOffset From, DateTimeOffset To)> Window =
        Gen.Select(Instant, Gen.Long[0, 40 * TimeSpan.TicksPerDay], (from, length) => (from, from.AddTicks(length)));

    /// CSV field text rich in separators, quotes, line ends and formula starters.
    public static readonly Gen<string?> CsvValue = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (8, Gen.OneOf("a", ",", "\"", "\r", "\n", "\r\n", " ", "=", "+", "-", "@", "\t", "é", "中", "x y").Array[0, 6]
            .Select(parts => (string?)string.Concat(parts))));

    public static readonly Gen<double[]> Durations = Gen.Double[0, 10_000].Array[1, 60];

    public static readonly Gen<int> Percent = Gen.Int[1, 100];
}
