using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

public class ReportSummaryTests
{
    [Fact]
    public async Task Summary_default_window_gives_exact_sums_and_histogram_percentiles()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = await env.JsonAsync("/__report/summary");

        // Durations not from the cache: 20, 50, 100, 300, 900, 1200 ms. The nearest ranks are
        // 100 (p50) and 1200 (p95), reported as the middle of their 1/32-doubling bins.
        Assert.Equal(Compact("""
            {"total_requests":7,"cache_hits":1,"total_tokens":1950,"prompt_tokens":1300,"completion_tokens":650,
             "cached_tokens":10,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"error_requests":2,"reasoning_tokens":5,"cost_usd":0.0045,"saved_tokens":150,
             "saved_cost_usd":0.0015,"p50_ms":99.78,"p95_ms":1204.63}
            """), actual);
    }

    // helper-55: with no [pricing], one refused request (no provider, cost 0) turned the
    // window's cost from "no price" into $0. Old rows go through the sums, recent ones through
    // the window's raw edge; the no-provider group itself still costs 0.
    [Fact]
    public async Task Refused_requests_leave_an_unpriced_window_without_a_price()
    {
        Core.Audit.Exchange Refused(DateTimeOffset at, int n) => ReportRows.Row(at, provider: null,
            key: null, status: 401, duration: 0.1, cost: 0m, n: n);
        await using var env = await StartAsync([
            ReportRows.Row(ReportRows.Now.AddHours(-4), usage: new(10, 5, 15, 0, 0), n: 1),
            Refused(ReportRows.Now.AddHours(-4), 2), Refused(ReportRows.Now.AddMinutes(-5), 3),
            // helper-56: a passed-through model list (provider, no model, cost 0) likewise.
            ReportRows.Row(ReportRows.Now.AddMinutes(-5), model: null, cost: 0m, n: 4)]);

        var summary = Parse(await env.JsonAsync("/__report/summary"));
        var providers = Parse(await env.JsonAsync("/__report/providers")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("provider").GetString() ?? "(none)",
                p => p.GetProperty("cost_usd"));

        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            summary.GetProperty("cost_usd").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, providers["openai"].ValueKind);
        Assert.Equal(0m, providers["(none)"].GetDecimal());
    }

    // helper-47: requests the gateway answered itself (a 401, a model no provider serves,
    // Codex's 426, the local model list: ~0.1 ms each) were in the p50/p95, which flattered the
    // upstream latency as cache hits would. Old ones go through the sums, recent ones through
    // the window's raw edge.
    [Fact]
    public async Task Percentiles_leave_out_requests_no_provider_answered()
    {
        Core.Audit.Exchange Refused(DateTimeOffset at, int n) => ReportRows.Row(at, provider: null,
            key: null, status: 401, duration: 0.1, n: n);
        await using var env = await StartAsync([.. ReportRows.Seeded,
            Refused(ReportRows.Now.AddHours(-4), 1), Refused(ReportRows.Now.AddHours(-4), 2),
            Refused(ReportRows.Now.AddMinutes(-5), 3), Refused(ReportRows.Now.AddMinutes(-5), 4)]);

        var actual = Parse(await env.JsonAsync("/__report/summary"));

        Assert.Equal((11, 99.78, 1204.63), (actual.GetProperty("total_requests").GetInt32(),
            actual.GetProperty("p50_ms").GetDouble(), actual.GetProperty("p95_ms").GetDouble()));
    }
}
