using System.Text;
using Menshen.Core.Audit;
using Menshen.Shell.Hosting;
using Menshen.Shell.Reports;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Reports;
using Menshen.Shell.Tests.Storage;
using Menshen.Shell.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Postgres;

/// The report API gives identical answers on both backends for the same rows (SPEC §15): the
/// seeded set and a few hundred generated rows are written to an SQLite file and to a
/// PostgreSQL database, and every report route is asked of both.
[Collection("postgres")]
public class ReportParityTests(PgCluster cluster)
{
    private static readonly string[] Paths =
    [
        "/__report/summary", "/__report/summary?days=1", "/__report/summary?days=90",
        "/__report/daily", "/__report/daily?days=30&tz=Asia/Shanghai", "/__report/daily?days=7&tz=America/New_York",
        "/__report/series?bucket=hour&days=2", "/__report/series?bucket=day&days=30&tz=Asia/Kolkata",
        "/__report/models", "/__report/models?days=1", "/__report/providers", "/__report/providers?days=90",
        "/__report/keys", "/__report/keys?days=7",
        "/__report/logs", "/__report/logs?limit=7", "/__report/logs?model=gpt-4o", "/__report/logs?provider=deepseek",
        "/__report/logs?key=bob", "/__report/logs?status=5xx", "/__report/logs?status=4xx", "/__report/logs?cached=true",
        "/__report/logs?cached=false&stream=false", "/__report/logs?stream=true", "/__report/logs?endpoint=passthrough",
        "/__report/logs?q=WAL", "/__report/logs?q=wal%20MODE", "/__report/logs?q=answer%2017&days=30",
        "/__report/logs?days=90&limit=1000", "/__report/logs?tried=flaky",
        "/__report/logs?tried=openai&status=5xx&days=30",
        $"/__report/log?id={ReportRows.R1.Id}", $"/__report/log?id={ReportRows.R3.Id}", $"/__report/log?id={ReportRows.R5.Id}",
        $"/__report/log?id={ReportRows.R8.Id}",
    ];

    [Fact]
    public async Task Every_report_route_answers_the_same_on_sqlite_and_postgres()
    {
        var rows = Rows();
        await using var both = await BothBackends.WriteAsync(cluster, rows);
        var (left, right) = (both.Sqlite, both.Postgres);

        foreach (var path in Paths)
        {
            var (expected, actual) = (await AnswerAsync(left, path), await AnswerAsync(right, path));

            Assert.StartsWith("200 ", expected, StringComparison.Ordinal);
            Assert.True(expected == actual, $"{path}\nsqlite:   {expected}\npostgres: {actual}");
        }
    }

    [Fact]
    public async Task Logs_pages_and_csv_are_the_same_on_sqlite_and_postgres()
    {
        var rows = Rows();
        await using var both = await BothBackends.WriteAsync(cluster, rows);
        var (left, right) = (both.Sqlite, both.Postgres);

        var (expected, actual) = (await PagesAsync(left), await PagesAsync(right));

        Assert.True(expected.Count > 3, "the walk should take several pages");
        Assert.Equal(expected, actual);
        Assert.Equal(await left.GetStringAsync("/__report/logs?days=30&format=csv&limit=50"),
            await right.GetStringAsync("/__report/logs?days=30&format=csv&limit=50"));
    }

    [Fact]
    public async Task A_text_search_over_several_slices_is_the_same_on_sqlite_and_postgres()
    {
        // 2,500 rows over the last 14 hours: a text search reads 1,000 rows a slice, so each page
        // takes several slices (on PostgreSQL the quarter counts' reader was still open then).
        var rows = Enumerable.Range(0, 2_500).Select(i => ReportRows.Row(
            ReportRows.Now.AddSeconds(-(i * 20 + 7)), n: 1 + i % 900)).DistinctBy(e => e.Id).ToArray();
        await using var both = await BothBackends.WriteAsync(cluster, rows);
        var (left, right) = (both.Sqlite, both.Postgres);

        foreach (var path in (string[])["/__report/logs?q=answer%2017&limit=30", "/__report/logs?q=answer%20899"])
        {
            var (expected, actual) = (await AnswerAsync(left, path), await AnswerAsync(right, path));

            Assert.StartsWith("200 ", expected, StringComparison.Ordinal);
            Assert.True(expected == actual, $"{path}\nsqlite:   {expected}\npostgres: {actual}");
        }
    }

    [Fact]
    public async Task A_text_search_folds_case_beyond_ascii_and_reads_a_cut_body_the_same_on_both()
    {
        var cut = Encoding.UTF8.GetBytes("请解释数据库 WAL 模式");
        Exchange[] rows =
        [
            ReportRows.Row(ReportRows.Now.AddMinutes(-3), n: 1) with
            {
                ResponseBody = ReportRows.Body("Привет МИР, ÉCOLE normale"),
            },
            // Captured up to a cap that falls inside the last character (模式 is 6 bytes).
            ReportRows.Row(ReportRows.Now.AddMinutes(-2), n: 2) with
            {
                RequestBody = new CapturedBody(cut.AsMemory(0, cut.Length - 2), cut.Length),
            },
            ReportRows.Row(ReportRows.Now.AddMinutes(-1), n: 3),
            // Not UTF-8 for PostgreSQL (U+0000) near its end, where nothing was cut.
            ReportRows.Row(ReportRows.Now.AddMinutes(-4), n: 4) with
            {
                ResponseBody = ReportRows.Body("omega\u0000z"),
            },
        ];
        await using var both = await BothBackends.WriteAsync(cluster, rows);
        var (left, right) = (both.Sqlite, both.Postgres);

        foreach (var q in (string[])["мир", "école", "ÉCOLE", "数据库", "wal", "Wal 模", "z"])
        {
            var path = "/__report/logs?q=" + Uri.EscapeDataString(q);
            var (expected, actual) = (await AnswerAsync(left, path), await AnswerAsync(right, path));

            Assert.Contains("\"id\":", expected, StringComparison.Ordinal);
            Assert.True(expected == actual, $"{path}\nsqlite:   {expected}\npostgres: {actual}");
        }
    }

    // The seeded set of the report tests, and 300 rows over 20 days with every model, provider,
    // key, status and cache case, at times that cut quarter hours, hours and days.
    private static Exchange[] Rows()
    {
        string?[] models = ["gpt-4o", "gpt-4o-mini", null, "claude-sonnet-4"];
        string?[] providers = ["openai", "deepseek", null];
        string?[] keys = ["alice", "bob", null];
        int[] statuses = [200, 200, 200, 429, 502];
        var generated = Enumerable.Range(0, 300).Select(i => ReportRows.Row(
            ReportRows.Now.AddMinutes(-(i * 97 + 13)), models[i % 4], providers[i % 3], keys[i % 5 % 3],
            statuses[i % 5], duration: 1 + i * 7.25 % 3000,
            usage: i % 4 == 2 ? null : new(i * 3, i, i * 4, i % 7, i % 3), cost: i % 6 == 0 ? null : 0.0001m * i,
            cache: i % 9 == 0 ? Core.Caching.CacheStatus.Hit : Core.Caching.CacheStatus.Miss, stream: i % 2 == 0, n: 1 + i % 900));
        // Every eleventh answered after a failed try at "flaky", which answers none itself.
        var failedOver = generated.Select((e, i) => i % 11 == 0 && e.Provider is not null
            ? e with { Attempts = [new AttemptRecord("flaky", 503, null, 5), .. e.Attempts] }
            : e);
        return [.. ReportRows.Seeded, .. failedOver.DistinctBy(e => e.Id)];
    }

    private static async Task<GatewayHost> HostAsync(IReportStore store)
    {
        var clock = new Support.ManualClock(ReportRows.Now) { FreezeTimestamps = true };
        return await GatewayHost.StartAsync(TestConfigs.With(TestConfigs.Provider("sim", new Uri("http://127.0.0.1:9"))),
            new GatewayHostOptions { Quiet = true, Clock = clock, Reports = new ReportApi(store, clock, NullLogger<ReportApi>.Instance) });
    }

    private static async Task<string> AnswerAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.Single() : "";
        return $"{(int)response.StatusCode} {cursor} {body}";
    }

    private static async Task<List<string>> PagesAsync(HttpClient client)
    {
        var pages = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync("/__report/logs?days=30&limit=40" + (cursor is null ? "" : "&before=" + cursor));
            pages.Add(await response.Content.ReadAsStringAsync());
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.Single() : null;
        }
        while (cursor is not null && pages.Count < 50);
        return pages;
    }

    /// The same rows on an SQLite file and a PostgreSQL database, each behind a report API.
    private sealed class BothBackends : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];

        public HttpClient Sqlite { get; private set; } = null!;
        public HttpClient Postgres { get; private set; } = null!;

        public static async Task<BothBackends> WriteAsync(PgCluster cluster, Exchange[] rows)
        {
            var both = new BothBackends();
            var sqlite = new StoreFixture();
            both._owned.Add(sqlite);
            await sqlite.WriteAllAsync(rows);
            var pg = await PgStore.CreateAsync(cluster);
            both._owned.Add(pg);
            await pg.WriteAllAsync(rows);
            var a = await HostAsync(new SqliteReportStore(sqlite.Database));
            both._owned.Add(a);
            var b = await HostAsync(new PgReportStore(pg.Database));
            both._owned.Add(b);
            both.Sqlite = new HttpClient { BaseAddress = a.BaseAddress };
            both.Postgres = new HttpClient { BaseAddress = b.BaseAddress };
            return both;
        }

        public async ValueTask DisposeAsync()
        {
            Sqlite.Dispose();
            Postgres.Dispose();
            for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        }
    }
}
