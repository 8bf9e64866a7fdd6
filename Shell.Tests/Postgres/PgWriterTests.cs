using System.Text;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Npgsql;
using static Menshen.Shell.Tests.Storage.ReportSumsTests;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// The PostgreSQL writer keeps the running sums equal to the rows, and retention takes purged
/// rows out again.
[Collection("postgres")]
public class PgWriterTests(PgCluster cluster)
{
    [Fact]
    public async Task Writer_batches_and_retention_keep_the_sums_equal_to_a_rebuild()
    {
        await using var store = await PgStore.CreateAsync(cluster, new AuditWriterOptions { BatchSize = 37 });
        await store.WriteAllAsync([.. Enumerable.Range(0, 400).Select(Varied)]);
        var written = await SumsAsync(store);
        var writtenRebuilt = await RebuiltAsync(store);
        var purge = new PgRetentionPurge(store.Database);

        var purged = await purge.PurgeAsync(At.AddMinutes(2100).ToUnixTimeMilliseconds(),
            new RetentionOptions { BatchSize = 50, PauseBetweenBatches = TimeSpan.Zero }, TimeProvider.System,
            CancellationToken.None);

        Assert.Equal(writtenRebuilt, written);
        Assert.Equal(300, purged);
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
        Assert.Equal(100, await store.CountAsync("SELECT SUM(requests) FROM report_quarters"));
        Assert.Equal(0, await store.CountAsync("SELECT COUNT(*) FROM report_groups WHERE requests <= 0"));
    }

    private static async Task<string> RebuiltAsync(PgStore store)
    {
        store.Database.RebuildReportSums();
        return await SumsAsync(store);
    }

    /// Every running-sum row as text, histograms in hex.
    private static async Task<string> SumsAsync(PgStore store)
    {
        const string Sums = "requests, cache_hits, errors, prompt_tokens, completion_tokens, total_tokens, " +
            "cached_tokens, reasoning_tokens, cost_nanos, priced, saved_tokens, saved_cost_nanos, saved_priced, " +
            "cache_write_5m_tokens, cache_write_1h_tokens, encode(latency, 'hex')";
        await using var connection = await store.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"""
            SELECT 'q', quarter, NULL, {Sums} FROM report_quarters
            UNION ALL SELECT 'g' || dimension, hour, coalesce(name, '<null>'), {Sums} FROM report_groups
            UNION ALL SELECT 'd' || dimension, day, coalesce(name, '<null>'), {Sums} FROM report_group_days
            ORDER BY 1, 2, 3
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i)).Append(' ');
            text.Append('\n');
        }
        return text.ToString();
    }
}
