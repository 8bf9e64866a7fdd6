using Menshen.Core.Usage;
using static Menshen.Shell.Tests.Reports.ReportClient;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

public class ReportSeriesTests
{
    private static long Ms(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Series_hourly_in_utc_has_every_hour_and_exact_busy_buckets()
    {
        await using var env = await StartAsync(Seeded);

        var actual = Parse(await env.JsonAsync("/__report/series?days=1&bucket=hour")).EnumerateArray().ToArray();

        Assert.Equal(Enumerable.Range(0, 25).Select(h => Ms("2026-03-13T12:00Z") + h * 3_600_000L),
            actual.Select(b => b.GetProperty("start").GetInt64()));
        var busy = actual.Where(b => b.GetProperty("request_count").GetInt64() > 0).Select(b => b.GetRawText());
        Assert.Equal(
        [
            $$"""{"start":{{Ms("2026-03-14T07:00Z")}},"request_count":1,"error_requests":0,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,"cost_usd":null}""",
            $$"""{"start":{{Ms("2026-03-14T09:00Z")}},"request_count":1,"error_requests":1,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,"cost_usd":null}""",
            $$"""{"start":{{Ms("2026-03-14T10:00Z")}},"request_count":1,"error_requests":0,"cache_hits":0,"prompt_tokens":200,"completion_tokens":100,"total_tokens":300,"cost_usd":0.003}""",
            $$"""{"start":{{Ms("2026-03-14T11:00Z")}},"request_count":2,"error_requests":0,"cache_hits":1,"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,"cost_usd":0.0015}""",
        ], busy);
    }

    [Fact]
    public async Task Daily_keeps_ai_menshen_fields_for_the_default_window()
    {
        await using var env = await StartAsync(Seeded);

        var actual = Parse(await env.JsonAsync("/__report/daily")).EnumerateArray().ToArray();

        Assert.Equal(15, actual.Length);
        Assert.Equal(("2026-02-28", "2026-03-14"), (actual[0].GetProperty("date").GetString(), actual[^1].GetProperty("date").GetString()));
        Assert.Equal(
        [
            $$"""{"date":"2026-03-04","total_tokens":0,"prompt_tokens":0,"completion_tokens":0,"request_count":1,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"start":{{Ms("2026-03-04T00:00Z")}},"cache_hits":0,"error_requests":1}""",
            $$"""{"date":"2026-03-13","total_tokens":1500,"prompt_tokens":1000,"completion_tokens":500,"request_count":1,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"start":{{Ms("2026-03-13T00:00Z")}},"cache_hits":0,"error_requests":0}""",
            $$"""{"date":"2026-03-14","total_tokens":450,"prompt_tokens":300,"completion_tokens":150,"request_count":5,"cached_tokens":10,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0.0045,"start":{{Ms("2026-03-14T00:00Z")}},"cache_hits":1,"error_requests":1}""",
        ], actual.Where(d => d.GetProperty("request_count").GetInt64() > 0).Select(d => d.GetRawText()));
    }

    /// New York moved its clocks forward at 2026-03-08 07:00Z: that local day has 23 hours, and
    /// two rows on the same UTC date fall on different local dates.
    [Fact]
    public async Task Daily_with_tz_buckets_by_local_dates_across_daylight_saving()
    {
        string[] instants = ["2026-03-08T04:30Z", "2026-03-08T05:30Z", "2026-03-09T03:30Z", "2026-03-09T04:30Z"];
        await using var env = await StartAsync(instants.Select((t, i) => Row(DateTimeOffset.FromUnixTimeMilliseconds(Ms(t)), n: i)));

        var actual = Parse(await env.JsonAsync("/__report/daily?days=10&tz=America/New_York")).EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString(), d.GetProperty("start").GetInt64(), d.GetProperty("request_count").GetInt64()))
            .ToArray();

        Assert.Equal(11, actual.Length);
        Assert.Equal(("2026-03-04", Ms("2026-03-04T05:00Z"), 0L), actual[0]);
        Assert.Equal(("2026-03-07", Ms("2026-03-07T05:00Z"), 1L), actual[3]);
        Assert.Equal(("2026-03-08", Ms("2026-03-08T05:00Z"), 2L), actual[4]);
        Assert.Equal(("2026-03-09", Ms("2026-03-09T04:00Z"), 1L), actual[5]);
        Assert.Equal(("2026-03-14", Ms("2026-03-14T04:00Z"), 0L), actual[^1]);
    }

    [Fact]
    public async Task Series_hourly_in_a_half_hour_zone_starts_buckets_at_half_past_utc()
    {
        await using var env = await StartAsync([Row(Now.AddMinutes(-75), usage: new TokenUsage(7, 3, 10, null, null))]);

        var actual = Parse(await env.JsonAsync("/__report/series?days=1&bucket=hour&tz=Asia/Kolkata")).EnumerateArray().ToArray();

        Assert.All(actual, b => Assert.Equal(30 * 60_000L, b.GetProperty("start").GetInt64() % 3_600_000));
        var busy = Assert.Single(actual, b => b.GetProperty("request_count").GetInt64() > 0);
        Assert.Equal((Ms("2026-03-14T10:30Z"), 7L), (busy.GetProperty("start").GetInt64(), busy.GetProperty("prompt_tokens").GetInt64()));
    }

    [Fact]
    public async Task Series_daily_is_the_default_bucket()
    {
        await using var env = await StartAsync(Seeded);

        var actual = Parse(await env.JsonAsync("/__report/series?days=2")).EnumerateArray()
            .Select(b => (b.GetProperty("start").GetInt64(), b.GetProperty("request_count").GetInt64())).ToArray();

        Assert.Equal([(Ms("2026-03-12T00:00Z"), 0L), (Ms("2026-03-13T00:00Z"), 1L), (Ms("2026-03-14T00:00Z"), 5L)], actual);
    }
}
