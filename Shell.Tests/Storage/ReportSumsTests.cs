using System.Text;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Usage;
using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

/// The report API's running sums (schema version 3) always equal what a rebuild from the rows
/// gives: after writer batches, the writer's row-by-row fallback, retention and the migration.
public class ReportSumsTests
{
    internal static Core.Audit.Exchange Varied(int n) => Full(IdAt(At.AddMinutes(n * 7), n)) with
    {
        EffectiveModel = n % 5 == 0 ? null : "m" + (n % 3),
        Provider = n % 4 == 0 ? null : "p" + (n % 2),
        ClientKey = n % 6 == 0 ? null : "k" + (n % 4),
        Status = n % 9 == 0 ? 502 : 200,
        Note = ExchangeNote.Parse(n % 11 == 0 ? "client_closed" : null),
        DurationMs = 1 + n * 13.7 % 5000,
        Cache = n % 8 == 0 ? CacheStatus.Hit : CacheStatus.Miss,
        UsageSource = n % 7 == 0 ? UsageSource.None : UsageSource.Body,
        CostUsd = n % 3 == 0 ? null : n / 10_000m,
        Usage = Full(IdAt(At)).Usage! with
        {
            CacheWrite5mTokens = n % 2 == 0 ? null : n % 5,
            CacheWrite1hTokens = n % 3 == 0 ? null : n % 4,
        },
    };

    /// Every running-sum row as text, histograms in hex.
    internal static string SumsOf(TempDatabase temp) => Sums(temp);

    private static string Sums(TempDatabase temp)
    {
        using var connection = temp.Raw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT 'q', quarter, NULL, requests, cache_hits, errors, prompt_tokens, completion_tokens, total_tokens,
                cached_tokens, reasoning_tokens, cost_nanos, priced, saved_tokens, saved_cost_nanos, saved_priced, cache_write_5m_tokens, cache_write_1h_tokens, hex(latency)
            FROM report_quarters
            UNION ALL
            SELECT 'g' || dimension, hour, ifnull(name, '<null>'), requests, cache_hits, errors, prompt_tokens,
                completion_tokens, total_tokens, cached_tokens, reasoning_tokens, cost_nanos, priced, saved_tokens,
                saved_cost_nanos, saved_priced, cache_write_5m_tokens, cache_write_1h_tokens, hex(latency)
            FROM report_groups
            UNION ALL
            SELECT 'd' || dimension, day, ifnull(name, '<null>'), requests, cache_hits, errors, prompt_tokens,
                completion_tokens, total_tokens, cached_tokens, reasoning_tokens, cost_nanos, priced, saved_tokens,
                saved_cost_nanos, saved_priced, cache_write_5m_tokens, cache_write_1h_tokens, hex(latency)
            FROM report_group_days
            ORDER BY 1, 2, 3
            """;
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i)).Append(' ');
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Rebuilt(StoreFixture store)
    {
        store.Database.RebuildReportSums();
        return Sums(store.Temp);
    }

    [Fact]
    public async Task Writer_batches_keep_the_sums_equal_to_a_rebuild()
    {
        await using var store = new StoreFixture(new AuditWriterOptions { BatchSize = 37 });
        await store.WriteAllAsync([.. Enumerable.Range(0, 600).Select(Varied)]);

        var actual = Sums(store.Temp);

        Assert.Equal(Rebuilt(store), actual);
        Assert.Equal(600, store.Count("SELECT sum(requests) FROM report_quarters"));
        Assert.Equal(1800, store.Count("SELECT sum(requests) FROM report_groups"));
        Assert.Equal(1800, store.Count("SELECT sum(requests) FROM report_group_days"));
        Assert.Equal(0, store.Count("SELECT count(*) FROM report_groups WHERE requests <= 0"));
    }

    /// The rebuild shares the writer's summing, so this checks each sum column against SQL over
    /// the rows themselves: a column summed into the wrong place would pass the test above.
    [Theory]
    [InlineData("cache_hits", "sum(cache_status = 2)")]
    [InlineData("prompt_tokens", "sum(iif(cache_status = 2, 0, ifnull(prompt_tokens, 0)))")]
    [InlineData("completion_tokens",
        "sum(iif(cache_status = 2, 0, ifnull(completion_tokens, 0)))")]
    [InlineData("total_tokens", "sum(iif(cache_status = 2, 0, ifnull(total_tokens, 0)))")]
    [InlineData("cached_tokens", "sum(iif(cache_status = 2, 0, ifnull(cached_tokens, 0)))")]
    [InlineData("reasoning_tokens", "sum(iif(cache_status = 2, 0, ifnull(reasoning_tokens, 0)))")]
    [InlineData("priced", "sum(cache_status != 2 AND cost_usd IS NOT NULL)")]
    [InlineData("saved_tokens", "sum(iif(cache_status = 2, ifnull(total_tokens, 0), 0))")]
    [InlineData("saved_priced", "sum(cache_status = 2 AND cost_usd IS NOT NULL)")]
    [InlineData("cache_write_5m_tokens",
        "sum(iif(cache_status = 2, 0, ifnull(cache_write_5m_tokens, 0)))")]
    [InlineData("cache_write_1h_tokens",
        "sum(iif(cache_status = 2, 0, ifnull(cache_write_1h_tokens, 0)))")]
    public async Task Each_sum_column_equals_the_same_sum_over_the_rows(string column, string sql)
    {
        await using var store = new StoreFixture(new AuditWriterOptions { BatchSize = 37 });
        await store.WriteAllAsync([.. Enumerable.Range(0, 600).Select(Varied)]);

        var fromRows = store.Count($"SELECT {sql} FROM requests");

        Assert.True(fromRows > 0, $"the sample rows give {column} a value");
        Assert.Equal(fromRows, store.Count($"SELECT sum({column}) FROM report_quarters"));
        Assert.Equal(3 * fromRows, store.Count($"SELECT sum({column}) FROM report_groups"));
    }

    [Fact]
    public async Task A_batch_written_row_by_row_after_a_duplicate_id_counts_each_row_once()
    {
        await using var store = new StoreFixture();
        var rows = Enumerable.Range(0, 20).Select(Varied).ToArray();
        await store.WriteAllAsync([.. rows, rows[3] with { Status = 599 }]);

        var actual = Sums(store.Temp);

        Assert.Equal(Rebuilt(store), actual);
        Assert.Equal(20, store.Count("SELECT sum(requests) FROM report_quarters"));
    }

    [Fact]
    public async Task Retention_takes_purged_rows_out_of_the_sums()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 400).Select(Varied)]);
        var service = new RetentionService(store.Database, () => 1,
            new RetentionOptions { BatchSize = 50, PauseBetweenBatches = TimeSpan.Zero }, new ManualClock(At.AddMinutes(2100).AddDays(1)), store.Logger);

        var purged = await service.PurgeOnceAsync();

        Assert.Equal(300, purged);
        Assert.Equal(Rebuilt(store), Sums(store.Temp));
        Assert.Equal(100, store.Count("SELECT sum(requests) FROM report_quarters"));
    }

    [Fact]
    public void Opening_an_ai_menshen_database_fills_the_sums_from_the_imported_rows()
    {
        using var temp = LegacyImportTests.BuildCurrentShape();

        using var database = temp.Open();

        Assert.Equal(4, temp.Count("SELECT sum(requests) FROM report_quarters"));
        Assert.Equal(1, temp.Count("SELECT sum(cache_hits) FROM report_quarters"));
        Assert.Equal(25, temp.Count("SELECT sum(total_tokens) FROM report_groups WHERE dimension = 0"));
    }
}
