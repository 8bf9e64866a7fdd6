using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Reading;
using P = Menshen.Core.Reports.ReportParameters;
using Query = System.Collections.Generic.IReadOnlyDictionary<string,
    System.Collections.Generic.IReadOnlyList<string>>;

namespace Menshen.Core.Reports;

/// Turns a report route's query string into a <see cref="ReportQuery"/>, reporting every bad
/// parameter at once. A parameter the route does not read is an error too: a misspelt filter
/// would otherwise answer every row as if it had filtered.
public static class ReportQueryParser
{
    public const int DefaultDays = 14;
    public const int MaxDays = 3650;
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxHourlyDays = 366;

    /// Validates `query` for `route`. `zone` is the Shell's lookup of the `tz` value (null when
    /// there is no such zone); `now` ends the window; `rawQuery` is the query string as it came
    /// (still percent-encoded), where a value that is not UTF-8 can still be told apart.
    public static Validation<Error, ReportQuery> Parse(
        ReportRoute route, Query query, DateTimeOffset now, TimeZoneInfo? zone,
        string rawQuery = "")
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rawQuery);
        var read = ReportRoutes.Parameters(route);
        var notUtf8 = QueryEncoding.NotUtf8(rawQuery);
        // A value that is not UTF-8 gets that one error, not also the one its U+FFFD would get.
        var relevant = query.Where(p => read.Contains(p.Key) && !notUtf8.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => p.Value);
        return (Known(route, query.Keys), Utf8Values(notUtf8, read),
            Read(route, relevant, now, zone))
            .Apply((_, _, parsed) => parsed);
    }

    private static Validation<Error, Unit> Utf8Values(
        IReadOnlyDictionary<string, string> notUtf8, IReadOnlyList<string> read)
    {
        var errors = read.Where(notUtf8.ContainsKey)
            .Select(name => Error.New($"{name}: expected percent-encoded UTF-8 text, got "
                + $"'{P.Echo(notUtf8[name])}', whose bytes are not UTF-8"))
            .ToSeq();
        return errors.IsEmpty ? Prelude.unit : Validation<Error, Unit>.Fail(errors);
    }

    private static Validation<Error, ReportQuery> Read(
        ReportRoute route, Query relevant, DateTimeOffset now, TimeZoneInfo? zone) =>
        route switch
        {
            // `days` is on every route (SPEC §8); one log has no window, so it is only checked.
            ReportRoute.Log => (P.LogId(relevant), Days(relevant)).Apply((id, _) =>
                new ReportQuery { Route = route, Now = now, Id = id.Id, LegacyId = id.LegacyId }),
            ReportRoute.Logs => Logs(relevant, now),
            _ => (Days(relevant), P.Zone(relevant, zone),
            P.Bucket(relevant)).Apply((days, tz, bucket) =>
                new ReportQuery
                {
                    Route = route,
                    Now = now,
                    Days = days,
                    Zone = tz,
                    Bucket = bucket
                }).Bind(HourlyWithinLimit),
        };

    // At most this many unknown names are named one by one: a query of thousands of names
    // must not make an answer of megabytes.
    private const int MaxNamedUnknown = 3;

    private static Validation<Error, Unit> Known(ReportRoute route, IEnumerable<string> names)
    {
        var read = ReportRoutes.Parameters(route);
        var unknown = names
            .Where(n => n.Length > 0 && n != ReportRoutes.CacheBuster && !read.Contains(n))
            .ToList();
        if (unknown.Count == 0) return Prelude.unit;
        // The route's list once, with the first name: it says what all of them missed.
        var errors = unknown.Take(MaxNamedUnknown)
            .Select((n, i) => Error.New(Unknown(route, n, i == 0 ? read : null)));
        if (unknown.Count > MaxNamedUnknown)
            errors = errors.Append(Error.New(
                $"and {unknown.Count - MaxNamedUnknown} more parameters this route does not read"));
        return Validation<Error, Unit>.Fail(errors.ToSeq());
    }

    private static string Unknown(ReportRoute route, string name, IReadOnlyList<string>? list)
    {
        var read = ReportRoutes.Parameters(route);
        var where = $"{P.Echo(name)}: not a parameter of /__report/{ReportRoutes.Name(route)}";
        // A guess for a name of one or two letters is a guess at random (`a` is not `q`).
        var near = name.Length < 3 ? null : KeySuggestion.Nearest(name, read)
            .IfNoneUnsafe((string?)null);
        var reads = list is null ? "" : $"{(near is null ? "; it" : " It")} reads "
            + string.Join(", ", list);
        return near is null ? where + reads : $"{where}; did you mean '{near}'?{reads}";
    }

    /// Hour buckets over a longer window would make an answer of megabytes (and more time than
    /// the reports' budget): at most a year of them.
    private static Validation<Error, ReportQuery> HourlyWithinLimit(ReportQuery query) =>
        query.Bucket == TimeBucket.Hour && query.Days > MaxHourlyDays
            ? Error.New($"bucket: hour buckets cover at most {MaxHourlyDays} days, got " +
                $"days={query.Days}; use bucket=day")
            : Validation<Error, ReportQuery>.Success(query);

    private static Validation<Error, ReportQuery> Logs(Query query, DateTimeOffset now) =>
        (Days(query), P.Integer(query, "limit", DefaultLimit, 1, MaxLimit), P.Cursor(query),
         P.Format(query), Filter(query))
            .Apply((days, limit, before, format, filter) => new ReportQuery
            {
                Route = ReportRoute.Logs,
                Now = now,
                Days = days,
                Limit = limit,
                Before = Value(before),
                Filter = filter,
                Format = format.IfNone(ReportFormat.Json),
                Download = format.IsSome,
            });

    private static Validation<Error, LogFilter> Filter(Query query) =>
        (P.Text(query, "model"), P.Text(query, "provider"), P.Text(query, "key"),
        P.StatusClass(query),
         P.Endpoint(query), P.Flag(query, "cached"), P.Flag(query, "stream"), P.Text(query, "q"))
            .Apply((model, provider, key, status, endpoint, cached, stream, text) =>
                new LogFilter(
                    Text(model), Text(provider), Text(key), Value(status), Text(endpoint),
                    Value(cached), Value(stream),
                    Text(text.Map(t => t.ToLowerInvariant()))))
            .Bind(filter => P.Text(query, "tried").Map(tried => filter with
            {
                Tried = Text(tried),
            }));

    private static string? Text(Option<string> value) => value.IfNoneUnsafe((string?)null);

    private static T? Value<T>(Option<T> value) where T : struct =>
        value.Map(v => (T?)v).IfNoneUnsafe((T?)null);

    private static Validation<Error,
        int> Days(Query query) => P.Integer(query, "days", DefaultDays, 1, MaxDays);
}
