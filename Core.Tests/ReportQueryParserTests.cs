using System.Text;
using System.Text.Unicode;
using CsCheck;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Audit;
using Menshen.Core.Reports;
using Snapshooter.Xunit;

namespace Menshen.Core.Tests;

public class ReportQueryParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// A bad value for each parameter of the logs route.
    private static readonly (string Name, string Bad)[] BadLogParameters =
    [
        ("days", "0"), ("limit", "1001"), ("before", "abc"), ("format", "xml"), ("status", "6xx"),
        ("endpoint", "images/generations"), ("cached", "yes"), ("stream", "1"), ("q", new string('x', 501)),
    ];

    [Fact]
    public void Parse_bad_parameters_match_snapshot()
    {
        string[] cases =
        [
            "summary?days=0", "summary?days=abc", "summary?days=3651", "summary?days=-1", "summary?days=%2B5",
            "summary?days=1&days=2", "models?days=1.5", "series?bucket=hour&days=367", "series?bucket=hour&days=0&tz=x%2F", "daily?tz=Mars%2FOlympus", "daily?tz=..%2F..%2Fetc%2Fpasswd",
            "daily?tz=Europe%2FBerlin%2F", "series?bucket=week&tz=Nowhere%2FCity&days=0",
            "daily?tz=UTC%208", "daily?tz=UTC%2B8", "daily?tz=Etc%2FGMT%205", "daily?tz=gmt-3",
            "logs?limit=0&before=abc&status=3x&cached=yes&stream=1&endpoint=%2Fv2%2Ffoo&format=xml",
            "logs?before=0&limit=99999999999&q=" + new string('q', 600), "logs?before=-12", "log", "log?id=abc",
            "log?id=-5", "log?id=1&id=2", "logs?days=" + new string('9', 80),
            "logs?model=a%00b&provider=%00&key=k%00&q=%00",
        ];

        var actual = string.Join("\n", cases.Select(c => (c.Length > 90 ? c[..90] + "…" : c) + "\n  " + string.Join("\n  ", Errors(Parse(c)))));

        Snapshot.Match(actual);
    }

    // helper-92: the limit counted UTF-16 units, so 300 emoji were "600 characters".
    [Fact]
    public void Parse_counts_a_search_in_characters_an_emoji_being_one()
    {
        var emoji = string.Concat(Enumerable.Repeat("%F0%9F%98%80", 500));

        var kept = Success(Parse("logs?q=" + emoji));
        var refused = Errors(Parse("logs?q=" + emoji + "%E4%B8%AD"));

        Assert.Equal(1000, kept.Filter.Text?.Length);
        Assert.Equal(["q: expected at most 500 characters, got 501"], refused);
    }

    [Fact]
    public void Parse_without_parameters_uses_the_defaults()
    {
        var actual = Success(Parse("summary"));

        Assert.Equal(new ReportQuery { Route = ReportRoute.Summary, Now = Now }, actual);
        Assert.Equal((14, Now.AddDays(-14), TimeZoneInfo.Utc, TimeBucket.Day), (actual.Days, actual.Since, actual.Zone, actual.Bucket));
    }

    [Fact]
    public void Parse_logs_reads_every_filter()
    {
        var actual = Success(Parse("logs?model=gpt-4o&provider=openai&key=ci&status=5XX&endpoint=%2Fv1%2Fchat%2Fcompletions"
            + "&cached=true&stream=False&q=Hello%20W%C3%96RLD&limit=50&before=123&format=csv&days=90"));

        Assert.Equal(new LogFilter("gpt-4o", "openai", "ci", 5, "chat/completions", true, false, "hello wörld"), actual.Filter);
        Assert.Equal((50, 123L, ReportFormat.Csv, true, 90), (actual.Limit, actual.Before, actual.Format, actual.Download, actual.Days));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("Error")]
    public void Parse_logs_status_error_asks_for_every_error(string value)
    {
        var actual = Success(Parse("logs?status=" + value));

        Assert.Equal(LogFilter.AnyError, actual.Filter.StatusClass);
    }

    [Fact]
    public void Parse_logs_without_format_is_json_for_the_page()
    {
        var actual = Success(Parse("logs"));

        Assert.Equal((ReportFormat.Json, false, (long?)null, LogFilter.None), (actual.Format, actual.Download, actual.Before, actual.Filter));
    }

    [Fact]
    public void Parse_refuses_parameters_the_route_does_not_read()
    {
        // A typo'd filter must not quietly answer every row as if it had filtered.
        var actual = Errors(Parse("logs?models=gpt-4o&days=7&statu=5xx&limit=abc"));

        Assert.Equal(
        [
            "models: not a parameter of /__report/logs; did you mean 'model'? It reads days, " +
                "limit, before, format, model, provider, key, status, endpoint, cached, " +
                "stream, q, tried",
            "statu: not a parameter of /__report/logs; did you mean 'status'?",
            "limit: expected an integer from 1 to 1000, got 'abc'",
        ], actual);
    }

    [Fact]
    public void Parse_names_a_parameter_of_another_route_without_a_guess()
    {
        var actual = Errors(Parse("summary?limit=5"));

        Assert.Equal(["limit: not a parameter of /__report/summary; it reads days"], actual);
    }

    [Fact]
    public void Parse_names_only_the_first_few_unknown_parameters() =>
        Gen.Int[4, 5000].Sample(count =>
        {
            var query = string.Join("&", Enumerable.Range(0, count).Select(i => $"p{i}=1"));

            var actual = Errors(Parse("summary?" + query));

            return actual.Count == 4
                && actual[0] == "p0: not a parameter of /__report/summary; it reads days"
                && actual[1] == "p1: not a parameter of /__report/summary"
                && actual[3] == $"and {count - 3} more parameters this route does not read";
        }, iter: 20);

    [Fact]
    public void Parse_guesses_no_meaning_for_a_name_of_one_or_two_letters() =>
        Assert.Equal(
            ["a: not a parameter of /__report/logs; it reads days, limit, before, format, " +
                "model, provider, key, status, endpoint, cached, stream, q, tried"],
            Errors(Parse("logs?a=1")));

    [Fact]
    public void Every_route_is_named_as_it_is_parsed() =>
        Assert.All(Enum.GetValues<ReportRoute>(), route =>
            Assert.Equal(route, ReportRoutes.Parse(ReportRoutes.Name(route))));

    [Fact]
    public void Parse_keeps_a_cache_buster() =>
        Assert.True(Parse("summary?days=3&_=1712").IsSuccess);

    [Fact]
    public void Parse_echoes_a_long_unknown_name_bounded() =>
        Assert.Equal(
            [new string('z', 40) + "…: not a parameter of /__report/log; it reads id, days"],
            Errors(Parse("log?id=5&" + new string('z', 300) + "=1")));

    [Fact]
    public void Parse_accepts_every_parameter_each_route_reads() =>
        Assert.All(Enum.GetValues<ReportRoute>(), route =>
        {
            var names = ReportRoutes.Parameters(route);
            var query = names.ToDictionary(n => n, _ => (IReadOnlyList<string>)[""]);
            if (route == ReportRoute.Log) query["id"] = ["7"];
            var errors = ReportQueryParser.Parse(route, query, Now, null)
                .Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToList());
            Assert.DoesNotContain(errors, e => e.Contains("not a parameter",
                StringComparison.Ordinal));
        });

    [Fact]
    public void Parse_treats_an_empty_value_as_absent()
    {
        var actual = Success(Parse("logs?model=&days=&status=&cached="));

        Assert.Equal((14, LogFilter.None), (actual.Days, actual.Filter));
    }

    [Fact]
    public void Parse_series_reads_bucket_and_zone_alias()
    {
        var actual = Success(Parse("series?bucket=hour&tz=Asia%2FCalcutta&days=1"));

        Assert.Equal((TimeBucket.Hour, TimeSpan.FromHours(5.5), 1), (actual.Bucket, actual.Zone.BaseUtcOffset, actual.Days));
    }

    [Fact]
    public void Parse_log_reads_the_id()
    {
        var actual = Success(Parse("log?id=1741944413589000&days=3"));

        Assert.Equal(1741944413589000, actual.Id);
    }

    [Fact]
    public void Parse_log_checks_days_like_every_route() =>
        Assert.Equal(["days: expected an integer from 1 to 3650, got 'abc'"],
            Errors(Parse("log?id=1741944413589000&days=abc")));

    [Theory]
    [InlineData("req-aaa")]
    [InlineData("req-01J9Z3K2-x_y.z")]
    public void Parse_log_reads_an_imported_ai_menshen_id(string legacy)
    {
        var actual = Success(Parse("log?id=" + legacy));

        Assert.Equal((legacy, 0L), (actual.LegacyId, actual.Id));
    }

    [Theory]
    [InlineData("req-")]
    [InlineData("req-a b")]
    [InlineData("REQ-abc")]
    [InlineData("req-../x/")]
    public void Parse_log_rejects_what_is_not_an_id(string text) =>
        Assert.True(Parse("log?id=" + Uri.EscapeDataString(text)).IsFail);

    [Fact]
    public void Parse_reports_each_bad_parameter_once_by_name() =>
        Gen.Int[0, (1 << BadLogParameters.Length) - 1].Sample(mask =>
        {
            var chosen = BadLogParameters.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

            var actual = Errors(Parse("logs?" + string.Join("&", chosen.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Bad)))));

            return actual.Count == chosen.Length
                && chosen.All(p => actual.Count(e => e.StartsWith(p.Name + ": ", StringComparison.Ordinal)) == 1);
        });

    [Fact]
    public void Parse_days_in_range_ends_the_window_now() =>
        Gen.Int[1, ReportQueryParser.MaxDays].Sample(days =>
        {
            var actual = Success(Parse("daily?days=" + days));

            return actual.Now == Now && actual.Since == Now.AddDays(-days);
        });

    [Theory]
    [InlineData("daily?days=7%00")]
    [InlineData("logs?limit=50%00%00")]
    [InlineData("logs?before=1741944413589000%00")]
    public void Parse_rejects_a_number_with_trailing_nul_characters(string routeAndQuery) =>
        // .NET's integer parsing ignores trailing NULs: 7\0 would read as 7.
        Assert.True(Parse(routeAndQuery).IsFail);

    // Mutation testing (helper-93): the edges of each parameter a user types.
    [Theory]
    [InlineData("daily?days=3650")]
    [InlineData("logs?limit=1000")]
    [InlineData("logs?limit=1")]
    [InlineData("series?bucket=hour&days=366")]
    [InlineData("series?bucket=day&days=3650")]
    [InlineData("logs?format=json")]
    [InlineData("logs?format=csv-bom")]
    [InlineData("logs?status=1xx")]
    [InlineData("logs?endpoint=chat%2Fcompletions")]
    [InlineData("logs?endpoint=v1%2Fembeddings")]
    [InlineData("summary?=1")]
    public void Parse_accepts_the_edges_of_each_parameter(string routeAndQuery) =>
        Assert.Empty(Errors(Parse(routeAndQuery)));

    [Fact]
    public void Parse_reads_the_chosen_format_bucket_status_endpoint_and_tried_provider()
    {
        var logs = Success(Parse("logs?format=csv-bom&status=1xx&endpoint=chat%2Fcompletions"
            + "&tried=openai"));
        var json = Success(Parse("logs?format=json"));
        var series = Success(Parse("series?bucket=day&tz=Asia%2FCalcutta"));

        Assert.Equal((ReportFormat.CsvWithBom, 1, "chat/completions", "openai"),
            (logs.Format, logs.Filter.StatusClass, logs.Filter.Endpoint, logs.Filter.Tried));
        Assert.Equal((ReportFormat.Json, true), (json.Format, json.Download));
        Assert.Equal(TimeBucket.Day, series.Bucket);
    }

    [Theory]
    [InlineData("summary?days=&days=5", "days: expected one value, got 2")]
    [InlineData("logs?status=0xx", "status: expected 1xx, 2xx, 3xx, 4xx, 5xx or error, got '0xx'")]
    public void Parse_refuses_just_past_the_edges(string routeAndQuery, string expected) =>
        Assert.Equal([expected], Errors(Parse(routeAndQuery)));

    [Fact]
    public void Parse_names_exactly_three_unknown_parameters_without_a_count() =>
        Assert.Equal(
        [
            "p0: not a parameter of /__report/summary; it reads days",
            "p1: not a parameter of /__report/summary",
            "p2: not a parameter of /__report/summary",
        ], Errors(Parse("summary?p0=1&p1=1&p2=1")));

    [Fact]
    public void Parse_guesses_for_a_name_of_three_letters() =>
        Assert.Equal(
            ["day: not a parameter of /__report/summary; did you mean 'days'? It reads days"],
            Errors(Parse("summary?day=1")));

    [Fact]
    public void Parse_echoes_a_name_of_forty_characters_whole()
    {
        var name = new string('z', 40);

        Assert.Equal([name + ": not a parameter of /__report/log; it reads id, days"],
            Errors(Parse("log?id=5&" + name + "=1")));
    }

    // Times of 2001 to 2099 in unix milliseconds, the unit a script most likely has at hand.
    private static readonly Gen<long> Milliseconds = Gen.Long[978_307_200_000, 4_102_444_799_999];

    // helper-99: a time in unix milliseconds or seconds where a cursor (an id: microseconds)
    // belongs read as January 1970, and the page came back empty, saying nothing.
    [Fact]
    public void Parse_refuses_a_cursor_or_id_given_in_milliseconds_or_seconds() =>
        Gen.Select(Milliseconds, Gen.Bool).Sample((ms, seconds) =>
        {
            var value = seconds ? ms / 1000 : ms;
            var unit = seconds ? "unix seconds" : "unix milliseconds";
            var micros = seconds ? value * 1_000_000 : value * 1000;

            var cursor = Errors(Parse("logs?before=" + value));
            var id = Errors(Parse("log?id=" + value));

            return cursor is [var c] && c.StartsWith("before: ", StringComparison.Ordinal)
                && c.Contains(unit, StringComparison.Ordinal)
                && c.EndsWith($"send {micros} for that time", StringComparison.Ordinal)
                && id is [var i] && i.StartsWith("id: ", StringComparison.Ordinal)
                && i.Contains(unit, StringComparison.Ordinal);
        });

    // Every audit id is the time its request began in microseconds: none is ever refused.
    [Fact]
    public void Parse_accepts_every_audit_id_as_a_cursor_and_an_id() =>
        Gen.Select(Milliseconds, Gen.Int[0, InstanceIds.Instances - 1],
            Gen.Int[0, InstanceIds.PerMillisecond - 1]).Sample((ms, instance, sequence) =>
        {
            var id = InstanceIds.Compose(ms, instance, sequence);

            return Success(Parse("logs?before=" + id)).Before == id
                && Success(Parse("log?id=" + id)).Id == id;
        });

    [Fact]
    public void Parse_says_what_a_cursor_in_milliseconds_means_and_what_to_send()
    {
        var actual = Errors(Parse("logs?before=1760000000000"));

        Assert.Equal(["before: expected the value of a previous X-Next-Cursor header, got "
            + "'1760000000000', which reads as unix milliseconds (2025-10-09T08:53:20Z); a "
            + "cursor is an audit id in unix microseconds, so this one is in January 1970, "
            + "before every row; send 1760000000000000 for that time"], actual);
    }

    // helper-99: `q=%FF` searched for a character nobody typed and answered [].
    [Fact]
    public void Parse_refuses_a_value_that_is_not_utf8_once_decoded() =>
        Gen.Select(Gen.Byte.Array[1, 30].Where(bytes => !Utf8.IsValid(bytes)),
            Gen.OneOf("q", "model", "limit")).Sample((bytes, name) =>
        {
            var encoded = string.Concat(bytes.Select(b => $"%{b:X2}"));

            var actual = Errors(Parse($"logs?{name}={encoded}"));

            return actual is [var message] && message.StartsWith(
                $"{name}: expected percent-encoded UTF-8 text, got '", StringComparison.Ordinal)
                && message.EndsWith("', whose bytes are not UTF-8", StringComparison.Ordinal);
        });

    [Fact]
    public void Parse_reads_any_utf8_search_percent_encoded() =>
        Gen.Int[1, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[1, 100].Sample(
            points =>
        {
            var text = string.Concat(points.Select(char.ConvertFromUtf32));
            var encoded = string.Concat(
                Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}"));

            var searched = text.ToLowerInvariant(); // the parser folds case once, as a search

            return Success(Parse("logs?q=" + encoded)).Filter.Text == searched;
        });

    [Fact]
    public void Parse_names_a_search_that_is_not_utf8()
    {
        var actual = Errors(Parse("logs?q=%FF&limit=5"));

        Assert.Equal(["q: expected percent-encoded UTF-8 text, got '%FF', whose bytes are not "
            + "UTF-8"], actual);
    }

    private static Validation<Error, ReportQuery> Parse(string routeAndQuery)
    {
        var parts = routeAndQuery.Split('?', 2);
        var query = (parts.Length > 1 ? parts[1].Split('&') : [])
            .Select(p => p.Split('=', 2))
            .GroupBy(kv => Uri.UnescapeDataString(kv[0]), kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "")
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g]);
        var zone = query.TryGetValue("tz", out var tz) && ZoneNames.IsWellFormed(tz[0])
            && TimeZoneInfo.TryFindSystemTimeZoneById(tz[0], out var found) ? found : null;
        return ReportQueryParser.Parse(ReportRoutes.Parse(parts[0])!.Value, query, Now, zone,
            parts.Length > 1 ? parts[1] : "");
    }

    private static ReportQuery Success(Validation<Error, ReportQuery> result) =>
        result.Match(Succ: q => q, Fail: errors => throw new InvalidOperationException(string.Join("; ", errors)));

    private static List<string> Errors(Validation<Error, ReportQuery> result) =>
        result.Match(Succ: _ => [], Fail: errors => errors.Map(e => e.Message).ToList());
}
