using System.Text.Json;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Usage;
using static Menshen.Shell.Tests.Reports.ReportClient;
using static Menshen.Shell.Tests.Reports.ReportOracle;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

/// Three thousand generated rows over twenty days (seeded, so failures repeat): every report
/// must equal the oracle's numbers, and pages must walk every matching row exactly once.
public class ReportScaleTests(ReportScaleTests.Database database) : IClassFixture<ReportScaleTests.Database>
{
    private static readonly string?[] Models = ["gpt-4o", "gpt-4o-mini", "claude", "deepseek-chat", null];
    private static readonly string?[] Keys = ["alice", "bob", "ci", null];

    private static readonly Exchange[] Rows = Generate(3000);
    private static readonly Exchange[] Window = [.. Rows.Where(e => e.StartedAt >= Now.AddDays(-14))];
    private Support.TestEnv Env => database.Env;

    /// The gateway over the generated rows, started once for the class.
    public sealed class Database : IAsyncLifetime
    {
        public Support.TestEnv Env { get; private set; } = null!;

        public async Task InitializeAsync() => Env = await StartAsync(Rows);

        public async Task DisposeAsync() => await Env.DisposeAsync();
    }

    private static Exchange[] Generate(int count)
    {
        var random = new Random(20260314);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var at = Now.AddMinutes(-random.Next(20 * 24 * 60)).AddMilliseconds(-random.Next(60_000));
            var hit = random.Next(10) == 0;
            var usage = random.Next(8) == 0 ? null : new TokenUsage(random.Next(5000), random.Next(900), 0, random.Next(100), random.Next(50));
            return Row(at, Models[random.Next(Models.Length)], hit ? null : random.Next(5) == 0 ? "azure" : "openai",
                Keys[random.Next(Keys.Length)], status: random.Next(12) switch { 0 => 502, 1 => 429, _ => 200 },
                duration: hit ? 1 + random.Next(5) : random.Next(20, 20_000) / 4.0,
                usage: usage is null ? null : usage with { TotalTokens = usage.PromptTokens + usage.CompletionTokens },
                cost: random.Next(3) == 0 ? null : random.Next(1, 1_000_000) / 1_000_000_000m,
                cache: hit ? CacheStatus.Hit : CacheStatus.Miss, stream: random.Next(2) == 0, n: i % 997) with
            {
                RequestBody = Body($$$"""{"messages":[{"role":"user","content":"{{{(i % 10 == 0 ? "find the Needle" : "hay")}}} {{{i}}}"}]}"""),
            };
        }).DistinctBy(e => e.Id)];
    }

    [Fact]
    public async Task Summary_equals_the_oracle()
    {
        var actual = Parse(await Env.JsonAsync("/__report/summary"));

        Assert.Equal(
            (Window.Length, Window.Count(IsHit), Window.Count(IsError), Spent(Window, u => u.TotalTokens),
             Spent(Window, u => u.PromptTokens), Spent(Window, u => u.CachedTokens), Cost(Window),
             Window.Where(IsHit).Sum(e => e.Usage?.TotalTokens ?? 0), Percentile(Window, 50), Percentile(Window, 95)),
            (actual.GetProperty("total_requests").GetInt32(), actual.GetProperty("cache_hits").GetInt32(),
             actual.GetProperty("error_requests").GetInt32(), actual.GetProperty("total_tokens").GetInt64(),
             actual.GetProperty("prompt_tokens").GetInt64(), actual.GetProperty("cached_tokens").GetInt64(),
             (decimal?)actual.GetProperty("cost_usd").GetDecimal(), actual.GetProperty("saved_tokens").GetInt64(),
             actual.GetProperty("p50_ms").GetDouble(), actual.GetProperty("p95_ms").GetDouble()));
    }

    [Theory]
    [InlineData("providers", "provider")]
    [InlineData("keys", "key")]
    [InlineData("models", "model")]
    public async Task Breakdown_equals_the_oracle(string route, string field)
    {
        Func<Exchange, string?> name = field switch { "provider" => e => e.Provider, "key" => e => e.ClientKey, _ => e => e.EffectiveModel };

        var actual = Parse(await Env.JsonAsync($"/__report/{route}?days=14")).EnumerateArray()
            .Select(r => (r.GetProperty(field).GetString(), r.GetProperty("request_count").GetInt32(),
                r.GetProperty("total_tokens").GetInt64(), CostOf(r), r.TryGetProperty("p95_ms", out var p) ? p.GetDouble() : -1));

        var expected = Window.GroupBy(name).Select(g => (g.Key, g.Count(), Spent(g, u => u.TotalTokens), Cost(g),
            field == "model" ? -1 : Percentile(g, 95)));
        Assert.Equal(expected.OrderBy(e => e.Key ?? "\uffff", StringComparer.Ordinal), actual.OrderBy(e => e.Item1 ?? "\uffff", StringComparer.Ordinal));
    }

    [Fact]
    public async Task Series_hours_sum_to_the_summary_and_match_the_oracle()
    {
        var actual = Parse(await Env.JsonAsync("/__report/series?days=3&bucket=hour&tz=Europe/Berlin")).EnumerateArray()
            .Select(b => (b.GetProperty("start").GetInt64(), b.GetProperty("request_count").GetInt32(), b.GetProperty("prompt_tokens").GetInt64()))
            .Where(b => b.Item2 > 0);

        var since = Now.AddDays(-3);
        var expected = Rows.Where(e => e.StartedAt >= since)
            .GroupBy(e => Math.Max(e.Id / 1000 / 3_600_000 * 3_600_000, since.ToUnixTimeMilliseconds() / 3_600_000 * 3_600_000))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(), Spent(g, u => u.PromptTokens)));
        Assert.Equal(expected, actual);
    }

    public static TheoryData<string> PageQueries => ["", "&model=gpt-4o&stream=true", "&q=needle", "&key=bob&q=NEEDLE&status=2xx", "&cached=true"];

    [Theory]
    [MemberData(nameof(PageQueries))]
    public async Task Pages_walk_every_matching_row_once_newest_first(string filter)
    {
        var pages = 0;
        var actual = new List<long>();

        string? cursor = null;
        do
        {
            using var response = await Env.Client.GetAsync("/__report/logs?limit=97" + filter + (cursor is null ? "" : "&before=" + cursor));
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            actual.AddRange(page.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.Single() : null;
            pages++;
        }
        while (cursor is not null);

        var expected = Window.Where(Matches(filter)).OrderByDescending(e => e.Id).Select(e => e.Id).ToArray();
        Assert.Equal(expected, actual);
        // A row-by-row walk (q=) may end a page early at its 100 ms scan budget and hand back a
        // cursor (docs/report-api.md), so on a busy machine there can be more pages, never fewer.
        Assert.True(pages >= Math.Max(1, (expected.Length + 96) / 97), $"{pages} pages");
    }

    private static Func<Exchange, bool> Matches(string filter) => filter switch
    {
        "" => _ => true,
        "&model=gpt-4o&stream=true" => e => e.EffectiveModel == "gpt-4o" && e.Stream,
        "&q=needle" => e => Text(e).Contains("needle", StringComparison.OrdinalIgnoreCase),
        "&key=bob&q=NEEDLE&status=2xx" => e => e.ClientKey == "bob" && e.Status / 100 == 2 && Text(e).Contains("needle", StringComparison.OrdinalIgnoreCase),
        "&cached=true" => IsHit,
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    private static string Text(Exchange e) => System.Text.Encoding.UTF8.GetString(e.RequestBody!.Bytes.Span)
        + System.Text.Encoding.UTF8.GetString(e.ResponseBody!.Bytes.Span);

    private static decimal? CostOf(JsonElement row) =>
        row.GetProperty("cost_usd").ValueKind == JsonValueKind.Null ? null : row.GetProperty("cost_usd").GetDecimal();
}
