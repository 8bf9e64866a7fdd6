using System.Globalization;
using Menshen.Core.Reports;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

/// The report (SPEC §8), cache and retention queries are served by indexes: no full scan of
/// `requests` and no sorting of it for newest-first pages. The shapes below are the ones the
/// report API is expected to issue; docs/storage.md lists them. Aggregates name their index
/// (`INDEXED BY`): without statistics SQLite prefers an index that yields the GROUP BY order
/// and then reads every row of the table, which is far slower on a short window.
public class QueryPlanTests
{
    // The conditions are LogSql's own (values as unbound parameters), one filter at a time.
    public static TheoryData<string, string> Filters => new()
    {
        { "model=gpt-4o", "ix_requests_model" },
        { "model=gpt-4o", "ix_requests_requested_model_aliased" },
        { "model=gpt-4o", "ix_requests_resolved_model_aliased" },
        { "provider=openai", "ix_requests_provider" },
        { "key=laptop", "ix_requests_key" },
        { "status=5", "ix_requests_status_class_not_2xx" },
        { "endpoint=chat/completions", "ix_requests_endpoint" },
        { "cached=true", "ix_requests_cache_hits" },
        { "stream=true", "ix_requests_stream" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Log_page_with_a_filter_walks_its_index_newest_first(string filter, string index)
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, $"SELECT id, created_at, model FROM requests r WHERE r.id >= 1 AND r.id < 9223372036854775807{Conditions(filter)} ORDER BY r.id DESC LIMIT 100");

        Assert.Contains(index, actual, StringComparison.Ordinal);
        // The model filter is a union of three index ranges, which SQLite sorts; every other
        // filter is one range walked newest first.
        if (!filter.StartsWith("model=", StringComparison.Ordinal))
            Assert.DoesNotContain("TEMP B-TREE", actual, StringComparison.Ordinal);
    }

    // The common values are in no index (schema 8): the walk is the primary key's, in a budget.
    [Theory]
    [InlineData("status=2")]
    [InlineData("cached=false")]
    public async Task Log_page_with_a_common_value_walks_the_primary_key(string filter)
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, $"SELECT id FROM requests r WHERE r.id >= 1 AND r.id < 9223372036854775807{Conditions(filter)} ORDER BY r.id DESC LIMIT 100");

        Assert.Contains("INTEGER PRIMARY KEY", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", actual, StringComparison.Ordinal);
    }

    // A 2xx, uncached row whose three models agree (most rows) enters none of the partial
    // indexes (SQLite's own flag says they are partial); the rows they are walked for are the
    // 30 502s and the 6 aliased requests.
    [Fact]
    public async Task A_common_row_has_no_entry_in_the_partial_indexes()
    {
        await using var store = await PopulatedAsync();

        Assert.Equal(4, store.Count("SELECT COUNT(*) FROM pragma_index_list('requests') WHERE partial = 1 AND name IN ('ix_requests_status_class_not_2xx', 'ix_requests_cache_hits', 'ix_requests_requested_model_aliased', 'ix_requests_resolved_model_aliased')"));

        var entries = (string index, string where) =>
            store.Count($"SELECT COUNT(*) FROM requests INDEXED BY {index} WHERE {where}");

        Assert.Equal((30L, 0L, 6L, 0L),
            (entries("ix_requests_status_class_not_2xx", "status_class <> 2"),
             entries("ix_requests_cache_hits", "cache_status = 2"),
             entries("ix_requests_requested_model_aliased", "requested_model IS DISTINCT FROM model"),
             entries("ix_requests_resolved_model_aliased", "resolved_model IS DISTINCT FROM model")));
    }

    private static string Conditions(string filter)
    {
        var (name, value) = (filter.Split('=')[0], filter.Split('=')[1]);
        return LogSql.Filter(name switch
        {
            "model" => new LogFilter(Model: value),
            "provider" => new LogFilter(Provider: value),
            "key" => new LogFilter(Key: value),
            "status" => new LogFilter(StatusClass: int.Parse(value, CultureInfo.InvariantCulture)),
            "endpoint" => new LogFilter(Endpoint: value),
            "cached" => new LogFilter(Cached: value == "true"),
            _ => new LogFilter(Stream: value == "true"),
        }).Conditions;
    }

    [Fact]
    public async Task Log_page_without_filters_walks_the_primary_key()
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, "SELECT id FROM requests WHERE id >= 1 AND id < 9223372036854775807 ORDER BY id DESC LIMIT 100");

        Assert.Contains("INTEGER PRIMARY KEY", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT COUNT(*), SUM(total_tokens), SUM(cost_usd), SUM(cache_status = 2), SUM(status >= 400) FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1")]
    [InlineData("SELECT model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens) FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1 GROUP BY model")]
    [InlineData("SELECT provider, COUNT(*), SUM(status >= 400), SUM(reasoning_tokens) FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1 GROUP BY provider")]
    [InlineData("SELECT client_key, COUNT(*), SUM(total_tokens) FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1 GROUP BY client_key")]
    [InlineData("SELECT created_at / 3600000, COUNT(*), SUM(prompt_tokens) FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1 GROUP BY 1")]
    [InlineData("SELECT duration_ms FROM requests INDEXED BY ix_requests_report WHERE created_at >= 1 AND provider = 'openai' ORDER BY duration_ms")]
    public async Task Report_aggregates_read_only_the_covering_index(string sql)
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, sql);

        Assert.Contains("COVERING INDEX ix_requests_report", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_lookup_uses_the_partial_index_newest_first()
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, "SELECT r.id FROM requests r JOIN bodies b ON b.request_id = r.id WHERE r.cache_key = 'k' AND r.cache_eligible = 1 AND r.created_at >= 0 ORDER BY r.id DESC LIMIT 1");

        Assert.Contains("ix_requests_cache_lookup", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_batch_finds_old_rows_by_index()
    {
        await using var store = await PopulatedAsync();

        var actual = QueryPlan.Of(store.Database, "SELECT id FROM requests WHERE created_at < 5 ORDER BY created_at LIMIT 1000");

        Assert.Contains("ix_requests_report", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", actual, StringComparison.Ordinal);
    }

    private static async Task<StoreFixture> PopulatedAsync()
    {
        var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 300).Select(n => Full(IdAt(At.AddMinutes(n))) with
        {
            EffectiveModel = "m" + (n % 7), RequestedModel = n % 50 == 0 ? "alias" : "m" + (n % 7),
            ResolvedModel = "m" + (n % 7), Provider = "p" + (n % 3), ClientKey = "k" + (n % 5),
            Status = n % 10 == 0 ? 502 : 200, Stream = n % 2 == 0,
            UsageSource = n % 4 == 0 ? UsageSource.None : UsageSource.Body,
        })]);
        return store;
    }
}
