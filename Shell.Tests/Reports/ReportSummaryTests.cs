using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

public class ReportSummaryTests
{
    [Fact]
    public async Task Summary_default_window_gives_exact_sums_and_percentiles()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = await env.JsonAsync("/__report/summary");

        Assert.Equal(Compact("""
            {"total_requests":7,"cache_hits":1,"total_tokens":1950,"prompt_tokens":1300,"completion_tokens":650,
             "cached_tokens":10,"error_requests":2,"reasoning_tokens":5,"cost_usd":0.0045,"saved_tokens":150,
             "saved_cost_usd":0.0015,"p50_ms":100,"p95_ms":1200}
            """), actual);
    }
}
