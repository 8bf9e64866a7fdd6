using System.Text.Json;
using static Menshen.Shell.Tests.Reports.ReportClient;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

/// A text search reads at most a budget of rows per page (LogScan.Text: 20,000 rows or 100 ms):
/// over a larger window a page may come back short, or empty, with a cursor to read on from.
public class ReportScanBudgetTests
{
    private const int Rows = 40_000;

    /// Rows straight into the real schema (the writer would take seconds), then the running sums
    /// rebuilt from them: one row every 30 s going
    /// back from an hour ago, the three oldest holding the needle in their request body and
    /// having the model `rare`.
    internal static void Seed(Support.AuditStore store) =>
        Seed(store, Now.AddHours(-1).ToUnixTimeMilliseconds(), 30_000);

    /// The same rows `spacing` ms apart, the newest at `newest` (unix ms), each request
    /// recorded as `requestBytes` long (its stored body stays short).
    private static void Seed(Support.AuditStore store, long newest, long spacing,
        int rows = Rows, long requestBytes = 10)
    {
        using var connection = store.Database.OpenConnection();
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $rows - 1)
            INSERT INTO requests (id, created_at, method, path, endpoint, model, stream, status, duration_ms, attempts,
                client_closed, complete, request_bytes, response_bytes, usage_source, cache_status, cache_eligible)
            SELECT ($newest - i * $spacing) * 1000, $newest - i * $spacing, 'POST', '/v1/chat/completions', 'chat/completions',
                CASE WHEN i >= $rows - 3 THEN 'rare' ELSE 'm' END, 0, 200, 10, '[]', 0, 1, $bytes, 10, 0, 1, 0
            FROM n;
            INSERT INTO bodies (request_id, request_body, request_encoding, request_truncated, response_encoding, response_truncated)
            SELECT id, CAST(CASE WHEN created_at <= $newest - ($rows - 3) * $spacing THEN 'a Needle here' ELSE 'hay' END AS BLOB), 0, 0, 0, 0
            FROM requests;
            """;
        command.Parameters.AddWithValue("$rows", rows);
        command.Parameters.AddWithValue("$bytes", requestBytes);
        command.Parameters.AddWithValue("$newest", newest);
        command.Parameters.AddWithValue("$spacing", spacing);
        command.ExecuteNonQuery();
        tx.Commit();
        store.Database.RebuildReportSums();
    }

    [Fact]
    public async Task Text_search_stops_at_its_budget_and_the_cursor_reaches_the_rest()
    {
        await using var env = await StartAsync([]);
        Seed(env.Store!);
        var pages = new List<(int Rows, bool More)>();
        var found = new List<long>();

        string? cursor = null;
        do
        {
            using var response = await env.Client.GetAsync("/__report/logs?q=needle" + (cursor is null ? "" : "&before=" + cursor));
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            found.AddRange(page.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.Single() : null;
            pages.Add((page.RootElement.GetArrayLength(), cursor is not null));
        }
        while (cursor is not null);

        var oldest = Now.AddHours(-1).ToUnixTimeMilliseconds() - (Rows - 1) * 30_000L;
        Assert.Equal([(oldest + 60_000) * 1000, (oldest + 30_000) * 1000, oldest * 1000], found);
        Assert.Equal((0, true), pages[0]);
        Assert.Equal((3, false), pages[^1]);
        Assert.All(pages.SkipLast(1), p => Assert.Equal((0, true), p));
    }

    /// helper-78: a search's runs were 1,000 rows whatever their bodies held, so a page over
    /// coding agents' turns (several MB each) read for seconds before the budget was looked
    /// at. A page now reads at most LogScan.Text.BudgetBytes of bodies, in runs of at most
    /// RunBytes; the clock is frozen, so only the bytes can cut this walk short.
    [Fact]
    public async Task Text_search_over_large_bodies_stops_at_its_byte_budget()
    {
        await using var env = await StartAsync([]);
        const int rows = 40;
        Seed(env.Store!, Now.AddHours(-1).ToUnixTimeMilliseconds(), 30_000, rows,
            requestBytes: 5_000_000);
        var (pages, found) = await WalkAsync(env);

        // 32 MiB a page, checked before each run of one 5 MB row: seven rows a page (35 MB),
        // so 40 rows take six pages, the needles in the last three.
        Assert.Equal(6, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal((0, true), p));
        Assert.Equal((3, false), pages[^1]);
        Assert.Equal(3, found.Count);
    }

    /// helper-71: slices never split a quarter hour, so a search over a busy one read all of it
    /// before the budget was checked (1.1 M rows: 8-10 s a page). Here all 40,000 rows fall in
    /// one quarter hour, twice the budget.
    [Fact]
    public async Task Text_search_keeps_its_budget_within_one_busy_quarter_hour()
    {
        await using var env = await StartAsync([]);
        var quarter = Now.AddHours(-2).ToUnixTimeMilliseconds() / 900_000 * 900_000;
        var newest = quarter + 850_000;
        Seed(env.Store!, newest, 20);
        var (pages, found) = await WalkAsync(env);

        var oldest = newest - (Rows - 1) * 20L;
        Assert.Equal([(oldest + 40) * 1000, (oldest + 20) * 1000, oldest * 1000], found);
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.SkipLast(1), p => Assert.Equal((0, true), p));
        Assert.Equal((3, false), pages[^1]);
    }

    [Fact]
    public async Task A_filter_served_by_one_index_is_not_cut_short()
    {
        await using var env = await StartAsync([]);
        Seed(env.Store!);

        using var actual = await env.Client.GetAsync("/__report/logs?model=rare");

        using var page = JsonDocument.Parse(await actual.Content.ReadAsStringAsync());
        Assert.Equal(3, page.RootElement.GetArrayLength());
        Assert.False(actual.Headers.Contains("X-Next-Cursor"));
    }

    // Every page of a search for "needle", following X-Next-Cursor: each page's row count and
    // whether it had a cursor, and the ids found.
    private static async Task<(List<(int Rows, bool More)> Pages, List<long> Found)> WalkAsync(
        Support.TestEnv env)
    {
        var (pages, found) = (new List<(int Rows, bool More)>(), new List<long>());
        string? cursor = null;
        do
        {
            using var response = await env.Client.GetAsync(
                "/__report/logs?q=needle" + (cursor is null ? "" : "&before=" + cursor));
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            found.AddRange(page.RootElement.EnumerateArray()
                .Select(r => r.GetProperty("id").GetInt64()));
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values)
                ? values.Single() : null;
            pages.Add((page.RootElement.GetArrayLength(), cursor is not null));
        }
        while (cursor is not null);
        return (pages, found);
    }
}
