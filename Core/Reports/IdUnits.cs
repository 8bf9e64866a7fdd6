using System.Globalization;

namespace Menshen.Core.Reports;

/// Audit ids and the cursors made of them count unix microseconds (`ms · 1000 + slot`,
/// InstanceIds). A time in unix milliseconds or seconds passed instead reads as an instant in
/// January 1970, before every row: the page came back empty and said nothing. Such a value is
/// a date from 2001 to 2099 in the unit it was meant in, and an instant before 2001 as an id;
/// no audit id is one (every id is the time its request began), so the rule never refuses one.
public static class IdUnits
{
    private const long Since2001 = 978_307_200; // 2001-01-01T00:00:00Z, unix seconds
    private const long Until2100 = 4_102_444_800; // 2100-01-01T00:00:00Z

    /// What `value` reads as when it is a time in another unit than an id's: the unit, the
    /// instant and the same instant as an id would count it; null for a value that is no such
    /// time.
    public static (string Unit, DateTimeOffset Instant, long Microseconds)? Misread(long value) =>
        value is >= Since2001 * 1000 and < Until2100 * 1000
            ? ("milliseconds", DateTimeOffset.FromUnixTimeMilliseconds(value), value * 1000)
        : value is >= Since2001 and < Until2100
            ? ("seconds", DateTimeOffset.FromUnixTimeSeconds(value), value * 1_000_000)
        : null;

    /// The message part that says so: "which reads as unix milliseconds (2025-…Z)".
    public static string Says(string unit, DateTimeOffset instant) =>
        $"which reads as unix {unit} ({instant.UtcDateTime.ToString(
            "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";
}
