using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Audit;
using Query = System.Collections.Generic.IReadOnlyDictionary<string,
    System.Collections.Generic.IReadOnlyList<string>>;

namespace Menshen.Core.Reports;

/// One validator per query parameter. Each error names its parameter, says what was expected and
/// echoes (a bounded prefix of) what was received. An empty value counts as absent (None).
internal static class ReportParameters
{
    private const int MaxEcho = 40;
    private const int MaxTextLength = 500;
    private static readonly IReadOnlyList<string> Endpoints = EndpointNames.All;

    public static Validation<Error, Option<string>> Single(Query query, string name)
    {
        if (!query.TryGetValue(name, out var values)
            || values.All(string.IsNullOrEmpty)) return Ok(Option<string>.None);
        return values.Count == 1 ? Ok(Option<string>.Some(values[0]))
            : Error.New($"{name}: expected one value, got {values.Count}");
    }

    public static Validation<Error,
        int> Integer(Query query, string name, int fallback, int min, int max) =>
        Parse(query, name, fallback, text =>
            IsDigits(text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= min && n <= max
                ? n
                : Fail(name, $"expected an integer from {min} to {max}", text));

    private const string CursorExpected = "expected the value of a previous X-Next-Cursor header";

    public static Validation<Error, Option<long>> Cursor(Query query) =>
        Optional(query, "before", text => PositiveLong(text)
            .ToValidation(Fail("before", CursorExpected, text))
            .Bind(cursor => IdUnits.Misread(cursor) is (var unit, var instant, var micros)
                ? Fail("before", CursorExpected, text, $", {IdUnits.Says(unit, instant)}; "
                    + "a cursor is an audit id in unix microseconds, so this one is in January "
                    + $"1970, before every row; send {micros} for that time")
                : Ok(cursor)));

    private const string LogIdExpected =
        "expected an audit id (a positive integer) or an imported ai-menshen id (req-…)";

    /// An audit id, or the `req-…` id a row imported from ai-menshen had there.
    public static Validation<Error, (long Id, string? LegacyId)> LogId(Query query) =>
        Single(query, "id").Bind(text => text.Match(
            Some: t => LegacyIds.IsWellFormed(t)
                ? Ok((0L, (string?)t))
                : PositiveLong(t).Map(id => (id, (string?)null))
                    .ToValidation(Fail("id", LogIdExpected, t))
                    .Bind(found => IdUnits.Misread(found.Item1) is (var unit, var instant, _)
                        ? Fail("id", LogIdExpected, t, $", {IdUnits.Says(unit, instant)}, "
                            + "not an audit id (16 digits, as in X-Request-Id)")
                        : Ok(found)),
            None: () => Error.New("id: required (the audit id, as in X-Request-Id)")));

    public static Validation<Error, TimeBucket> Bucket(Query query) =>
        Parse(query, "bucket", TimeBucket.Day, text => text switch
        {
            "day" => TimeBucket.Day,
            "hour" => TimeBucket.Hour,
            _ => Fail("bucket", "expected hour or day", text),
        });

    public static Validation<Error, Option<ReportFormat>> Format(Query query) =>
        Optional<ReportFormat>(query, "format", text => text switch
        {
            "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "csv-bom" => ReportFormat.CsvWithBom,
            _ => Fail("format", "expected json, csv or csv-bom", text),
        });

    public static Validation<Error, Option<int>> StatusClass(Query query) =>
        Optional<int>(query, "status", text =>
            text is { Length: 3 } && text[0] is >= '1' and <= '5'
            && text[1..].Equals("xx", StringComparison.OrdinalIgnoreCase)
                ? text[0] - '0'
                : text.Equals("error", StringComparison.OrdinalIgnoreCase) ? LogFilter.AnyError
                : Fail("status", "expected 1xx, 2xx, 3xx, 4xx, 5xx or error", text));

    public static Validation<Error, Option<bool>> Flag(Query query, string name) =>
        Optional<bool>(query, name, text =>
            bool.TryParse(text, out var flag) ? flag : Fail(name, "expected true or false", text));

    /// `/v1/chat/completions`, `/chat/completions` and `chat/completions` name the same endpoint.
    public static Validation<Error, Option<string>> Endpoint(Query query) =>
        Optional(query, "endpoint", text =>
            Normalize(text) is var name && Endpoints.Contains(name)
                ? Ok(name)
                : Fail("endpoint", "expected one of " + string.Join(", ", Endpoints), text));

    /// No U+0000: PostgreSQL's text cannot hold it (the query failed there), and no stored text
    /// has one there either (the PostgreSQL writer stores U+FFFD).
    public static Validation<Error, Option<string>> Text(Query query, string name) =>
        Optional(query, name, text => !text.Contains('\0', StringComparison.Ordinal)
            ? Characters(text) <= MaxTextLength
                ? Ok(text)
                : Error.New($"{name}: expected at most {MaxTextLength} characters, "
                    + $"got {Characters(text)}")
            : Error.New($"{name}: expected text without the character U+0000"));

    /// `resolved` is the Shell's lookup of the `tz` value: null when no such zone exists.
    public static Validation<Error, TimeZoneInfo> Zone(Query query, TimeZoneInfo? resolved) =>
        Parse(query, "tz", TimeZoneInfo.Utc, text =>
            !ZoneNames.IsWellFormed(text)
            ? Fail("tz", "expected an IANA time zone name such as Europe/Berlin", text,
                ZoneHint(text))
            : resolved is null
                ? Fail("tz", "expected a time zone in this machine's tz database", text,
                    ZoneHint(text))
            : Ok(resolved));

    // helper-91: `tz=UTC+8` arrives as 'UTC 8' (a query's '+' is a space), and `UTC+8` is no
    // zone name: the message says what to send instead.
    private static string ZoneHint(string text)
    {
        if (text.Contains(' ', StringComparison.Ordinal))
            return "; a '+' in a URL's query reads as a space: send it as %2B";
        var offset = text.StartsWith("UTC", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("GMT", StringComparison.OrdinalIgnoreCase);
        return offset && text.Length > 3 && text[3] is '+' or '-'
            ? "; for a fixed offset name a city (Asia/Shanghai) or Etc/GMT-8 for UTC+8 "
                + "(the Etc/ signs are inverted)"
            : "";
    }

    private static Validation<Error,
        T> Parse<T>(Query query, string name, T fallback, Func<string, Validation<Error,
        T>> parse) =>
        Single(query, name).Bind(text => text.Match(Some: parse, None: () => Ok(fallback)));

    private static Validation<Error,
        Option<T>> Optional<T>(Query query, string name, Func<string, Validation<Error,
        T>> parse) =>
        Single(query, name).Bind(text => text.Match(
            Some: t => parse(t).Map(Option<T>.Some),
            None: () => Ok(Option<T>.None)));

    private static string Normalize(string endpoint)
    {
        var name = endpoint.TrimStart('/');
        return name.StartsWith("v1/", StringComparison.Ordinal) ? name[3..] : name;
    }

    private static Option<long> PositiveLong(string text) =>
        IsDigits(text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : Option<long>.None;

    // Digits only: .NET's parsing skips trailing NULs, so `7\0` would otherwise read as 7.
    private static bool IsDigits(string text) =>
        text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    // Explicit: a bare string would convert implicitly to an Error, not to a success.
    private static Validation<Error, T> Ok<T>(T value) => Validation<Error, T>.Success(value);

    // Code points, as a person counts letters: an emoji is one (helper-92: 300 emoji were "600
    // characters").
    private static int Characters(string text) => text.EnumerateRunes().Count();

    private static Error Fail(string name, string expected, string got, string hint = "") =>
        Error.New($"{name}: {expected}, got '{Echo(got)}'{hint}");

    public static string Echo(string value) => value.Length <= MaxEcho ? value
        : value[..MaxEcho] + "…";
}
