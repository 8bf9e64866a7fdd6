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
}
