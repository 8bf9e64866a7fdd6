using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

public class ReportEmptyTests
{
    [Fact]
    public async Task Summary_of_an_empty_database_is_zeros()
    {
        await using var env = await StartAsync([]);

        var actual = await env.JsonAsync("/__report/summary?days=90");

        Assert.Equal(Compact("""
            {"total_requests":0,"cache_hits":0,"total_tokens":0,"prompt_tokens":0,"completion_tokens":0,
             "cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"error_requests":0,"reasoning_tokens":0,"cost_usd":0,"saved_tokens":0,
             "saved_cost_usd":0,"p50_ms":0,"p95_ms":0}
            """), actual);
    }

    [Theory]
    [InlineData("/__report/models")]
    [InlineData("/__report/providers")]
    [InlineData("/__report/keys")]
    [InlineData("/__report/logs")]
    [InlineData("/__report/logs?q=anything&model=x&stream=true")]
    public async Task Lists_of_an_empty_database_are_empty_arrays(string path)
    {
        await using var env = await StartAsync([]);

        var actual = await env.JsonAsync(path);

        Assert.Equal("[]", actual);
    }

    [Fact]
    public async Task Series_of_an_empty_database_has_every_bucket_with_zeros()
    {
        await using var env = await StartAsync([]);

        var actual = Parse(await env.JsonAsync("/__report/series?days=1&bucket=hour"));

        Assert.Equal(25, actual.GetArrayLength());
        Assert.All(actual.EnumerateArray(), b => Assert.Equal(0, b.GetProperty("request_count").GetInt64()));
    }

    [Fact]
    public async Task Daily_of_an_empty_database_has_one_zero_entry_per_date()
    {
        await using var env = await StartAsync([]);

        var actual = Parse(await env.JsonAsync("/__report/daily?days=2"));

        Assert.Equal(Compact("""
            [{"date":"2026-03-12","total_tokens":0,"prompt_tokens":0,"completion_tokens":0,"request_count":0,
              "cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0,"start":1773273600000,"cache_hits":0,"error_requests":0},
             {"date":"2026-03-13","total_tokens":0,"prompt_tokens":0,"completion_tokens":0,"request_count":0,
              "cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0,"start":1773360000000,"cache_hits":0,"error_requests":0},
             {"date":"2026-03-14","total_tokens":0,"prompt_tokens":0,"completion_tokens":0,"request_count":0,
              "cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0,"start":1773446400000,"cache_hits":0,"error_requests":0}]
            """), actual.GetRawText());
    }
}
