using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class LogSqlTests
{
    private static readonly Gen<string?> Value = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (3, Gen.String[Gen.Char["a'\";-- )(%_\\\u0000é"], 0, 12].Select(s => (string?)s)));

    private static readonly Gen<bool?> Flag = Gen.OneOf(Gen.Const((bool?)null), Gen.Bool.Select(b => (bool?)b));

    private static readonly Gen<LogFilter> Filter = Gen.Select(
        Gen.Select(Value, Value, Value, Gen.OneOf(Gen.Const((int?)null), Gen.Int[1, 5].Select(i => (int?)i)), Value),
        Gen.Select(Flag, Flag, Value, Value),
        (a, b) => new LogFilter(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3,
            b.Item4));

    // The SQL text depends only on which filters are given: values travel as parameters.
    [Fact]
    public void Filter_text_is_independent_of_the_values() =>
        Filter.Sample(filter =>
        {
            var actual = LogSql.Filter(filter);

            var masked = filter with
            {
                Model = Mask(filter.Model),
                Provider = Mask(filter.Provider),
                Key = Mask(filter.Key),
                // 2xx has no index (most rows are 2xx): its text differs from the other classes'.
                StatusClass = filter.StatusClass is null or 2 ? filter.StatusClass : 1,
                Endpoint = Mask(filter.Endpoint),
                Text = Mask(filter.Text),
            };
            return actual.Conditions == LogSql.Filter(masked).Conditions
                && actual.Parameters.All(p => actual.Conditions.Contains(p.Name, StringComparison.Ordinal));
        });

    private static string? Mask(string? value) => value is null ? null : "x";

    [Fact]
    public void Filter_has_one_term_per_given_filter() =>
        Filter.Sample(filter =>
        {
            var actual = LogSql.Filter(filter);

            object?[] given = [filter.Model, filter.Provider, filter.Key, filter.StatusClass, filter.Endpoint, filter.Cached, filter.Stream, filter.Text, filter.Tried];
            return actual.Terms.Length == given.Count(v => v is not null) && actual.ReadsBodies == (filter.Text is not null);
        });

    [Fact]
    public void Filter_with_every_member_matches_the_expected_sql()
    {
        var actual = LogSql.Filter(new LogFilter("gpt-4o", "openai", "ci", 5, "responses", false, true, "hello", "flaky"));

        Assert.Equal(
            " AND (r.model = $model OR (r.requested_model = $model AND r.requested_model IS DISTINCT FROM r.model)"
            + " OR (r.resolved_model = $model AND r.resolved_model IS DISTINCT FROM r.model))"
            + " AND (r.provider = $provider)"
            + " AND (r.provider = $tried OR (json_array_length(r.attempts) > 1 AND EXISTS (SELECT 1"
            + " FROM json_each(r.attempts) AS a WHERE json_extract(a.value, '$.provider') = $tried)))"
            + " AND (r.client_key = $key)"
            + " AND (r.status_class = $status_class AND r.status_class <> 2)"
            + " AND (r.endpoint = $endpoint) AND (r.cache_status IN (0, 1, 3)) AND (r.stream = $stream)"
            + " AND (body_contains(b.request_body, b.request_encoding, $q) OR (b.response_logged <> 0"
            + " AND body_contains(b.response_body, b.response_encoding, $q)))",
            actual.Conditions);
        Assert.Equal(
            [new("$model", "gpt-4o"), new("$provider", "openai"), new("$tried", "flaky"), new("$key", "ci"), new("$status_class", 5L),
             new("$endpoint", "responses"), new("$stream", 1L), new SqlParameter("$q", "hello")],
            actual.Parameters.ToArray());
    }

    // One walk yields only matches when at most one filter is given and its value is indexed:
    // all but the text, `tried`, `status=2xx` and `cached=false` (the common values, left out of
    // the partial indexes).
    [Fact]
    public void Filter_walks_only_matches_for_one_indexed_value() =>
        Filter.Sample(filter =>
        {
            var actual = LogSql.Filter(filter);

            var unindexed = filter.Text is not null || filter.Tried is not null || filter.StatusClass == 2 || filter.Cached == false;
            return actual.OnlyMatchesWalked == (actual.Terms.Length == 0 || (actual.Terms.Length == 1 && !unindexed));
        });

    [Theory]
    [InlineData(2, " AND (r.status_class = $status_class)")]
    [InlineData(5, " AND (r.status_class = $status_class AND r.status_class <> 2)")]
    public void Filter_status_class_names_the_partial_index_except_for_2xx(int statusClass, string expected)
    {
        var actual = LogSql.Filter(new LogFilter(StatusClass: statusClass));

        Assert.Equal((expected, statusClass != 2), (actual.Conditions, actual.OnlyMatchesWalked));
    }

    // The rows ReportRow.IsError counts: a note makes a 200 an error, a 426 never is one.
    [Fact]
    public void Filter_any_error_tests_the_status_and_the_note_row_by_row()
    {
        var actual = LogSql.Filter(new LogFilter(StatusClass: LogFilter.AnyError));

        Assert.Equal((" AND (r.status <> 426 AND (r.status >= 400 OR r.error IS NOT NULL))", 0,
            false), (actual.Conditions, actual.Parameters.Length, actual.OnlyMatchesWalked));
    }

    [Fact]
    public void Filter_none_has_no_conditions()
    {
        var actual = LogSql.Filter(LogFilter.None);

        Assert.Equal(("", 0, false), (actual.Conditions, actual.Parameters.Length, actual.ReadsBodies));
    }

    [Fact]
    public void Filter_cached_true_is_a_hit()
    {
        var actual = LogSql.Filter(new LogFilter(Cached: true));

        Assert.Equal(" AND (r.cache_status = 2)", actual.Conditions);
    }

    // Mutation testing (helper-93): `stream=false` asks for the rows that did not stream, and
    // a filter by a tried provider is tested row by row, within a budget.
    [Theory]
    [InlineData(false, 0L)]
    [InlineData(true, 1L)]
    public void Filter_stream_binds_its_value(bool stream, long expected) =>
        Assert.Equal(expected, LogSql.Filter(new LogFilter(Stream: stream)).Parameters
            .Single(p => p.Name == "$stream").Value);

    [Fact]
    public void Filter_by_tried_provider_is_not_an_index_walk() =>
        Assert.False(LogSql.Filter(new LogFilter(Tried: "openai")).OnlyMatchesWalked);
}
