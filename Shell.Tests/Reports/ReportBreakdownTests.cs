using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

public class ReportBreakdownTests
{
    // Clients choose model names; the breakdown answers the largest 1,000 (the soak probe's
    // 40,000 names made it 12 MB, fetched by the dashboard every minute).
    [Fact]
    public async Task A_breakdown_answers_the_largest_thousand_groups()
    {
        var rows = Enumerable.Range(0, 1_050).Select(i => ReportRows.Row(
            ReportRows.Now.AddMinutes(-(i % 600) - 1), model: $"m{i:D4}",
            usage: new(i, 1, i + 1, null, null), n: 1 + i));
        await using var env = await StartAsync(rows);

        var models = Parse(await env.JsonAsync("/__report/models"));

        Assert.Equal(1_000, models.GetArrayLength());
        Assert.Equal("m1049", models[0].GetProperty("model").GetString());
        Assert.Equal("m0050", models[999].GetProperty("model").GetString());
    }

    [Fact]
    public async Task Models_are_ordered_by_total_tokens_with_exact_sums()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = await env.JsonAsync("/__report/models");

        Assert.Equal(Compact("""
            [{"model":"claude-sonnet-4","request_count":1,"cache_hits":0,"prompt_tokens":1000,"completion_tokens":500,
              "total_tokens":1500,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":0,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0},
             {"model":"gpt-4o","request_count":4,"cache_hits":1,"prompt_tokens":300,"completion_tokens":150,
              "total_tokens":450,"cached_tokens":10,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0.0045,"error_requests":1,"reasoning_tokens":5,
              "saved_tokens":150,"saved_cost_usd":0.0015},
             {"model":"gpt-4o-mini","request_count":1,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,
              "total_tokens":0,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":1,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0},
             {"model":null,"request_count":1,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,
              "total_tokens":0,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":0,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0}]
            """), actual);
    }

    [Fact]
    public async Task Providers_have_error_counts_and_p95()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = await env.JsonAsync("/__report/providers");

        Assert.Equal(Compact("""
            [{"provider":"openrouter","request_count":1,"cache_hits":0,"prompt_tokens":1000,"completion_tokens":500,
              "total_tokens":1500,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":0,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0,"p95_ms":908.99,"failed_attempts":0},
             {"provider":"openai","request_count":4,"cache_hits":0,"prompt_tokens":300,"completion_tokens":150,
              "total_tokens":450,"cached_tokens":10,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0.0045,"error_requests":1,"reasoning_tokens":5,
              "saved_tokens":0,"saved_cost_usd":0,"p95_ms":1204.63,"failed_attempts":1},
             {"provider":"deepseek","request_count":1,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,
              "total_tokens":0,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":1,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0,"p95_ms":49.89,"failed_attempts":0},
             {"provider":null,"request_count":1,"cache_hits":1,"prompt_tokens":0,"completion_tokens":0,
              "total_tokens":0,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0,"error_requests":0,"reasoning_tokens":0,
              "saved_tokens":150,"saved_cost_usd":0.0015,"p95_ms":0,"failed_attempts":0}]
            """), actual);
    }

    // helper-54, helper-58: a provider whose every try failed over to another answered no
    // request, so it was not in the report at all; now its failed tries are, and those of a
    // provider that also answers beside its own sums.
    [Fact]
    public async Task Providers_count_the_tries_that_failed_over()
    {
        var at = ReportRows.Now.AddHours(-1);
        Core.Audit.AttemptRecord Try(string provider, int? status) => new(provider, status,
            status is null ? "connect: connection refused" : null, 5);
        var rows = new[]
        {
            ReportRows.Row(at, provider: "a", n: 1) with { Attempts = [Try("f", 503), Try("a", 200)] },
            ReportRows.Row(at, provider: "a", n: 2) with
            {
                Attempts = [Try("f", null), Try("b", 429), Try("a", 200)],
            },
            ReportRows.Row(at, provider: "b", status: 429, n: 3) with
            {
                // The last resort: b's answer relayed after a's try failed too.
                Attempts = [Try("b", 429), Try("a", null)],
            },
            ReportRows.Row(at.AddDays(-20), provider: "a", n: 4) with
            {
                Attempts = [Try("old", 503), Try("a", 200)],
            },
        };
        await using var env = await StartAsync(rows);

        using var providers = System.Text.Json.JsonDocument.Parse(
            await env.JsonAsync("/__report/providers"));

        var actual = providers.RootElement.EnumerateArray().Select(p => (
            p.GetProperty("provider").GetString(), p.GetProperty("request_count").GetInt64(),
            p.GetProperty("failed_attempts").GetInt64())).ToArray();
        Assert.Equal(new (string?, long, long)[] { ("a", 2, 1), ("b", 1, 1), ("f", 0, 2) },
            actual);
        // Its requests are found by `tried` (any provider a try went to), not by `provider`
        // (the one that answered), which the dashboard links for a provider that answered.
        Assert.Equal([rows[1].Id, rows[0].Id], await LogIdsAsync(env, "/__report/logs?tried=f"));
        Assert.Empty(await LogIdsAsync(env, "/__report/logs?provider=f"));
        Assert.Equal([rows[2].Id, rows[1].Id, rows[0].Id],
            await LogIdsAsync(env, "/__report/logs?tried=a"));
    }

    private static async Task<long[]> LogIdsAsync(Support.TestEnv env, string path)
    {
        using var logs = System.Text.Json.JsonDocument.Parse(await env.JsonAsync(path));
        return [.. logs.RootElement.EnumerateArray().Select(l => l.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task Keys_show_names_with_their_sums_and_p95()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = await env.JsonAsync("/__report/keys");

        Assert.Equal(Compact("""
            [{"key":null,"request_count":1,"cache_hits":0,"prompt_tokens":1000,"completion_tokens":500,
              "total_tokens":1500,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":0,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0,"p95_ms":908.99},
             {"key":"alice","request_count":3,"cache_hits":1,"prompt_tokens":300,"completion_tokens":150,
              "total_tokens":450,"cached_tokens":10,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":0.0045,"error_requests":0,"reasoning_tokens":5,
              "saved_tokens":150,"saved_cost_usd":0.0015,"p95_ms":301.16},
             {"key":"bob","request_count":3,"cache_hits":0,"prompt_tokens":0,"completion_tokens":0,
              "total_tokens":0,"cached_tokens":0,"cache_write_tokens":0,"cache_write_5m_tokens":0,"cache_write_1h_tokens":0,"cost_usd":null,"error_requests":2,"reasoning_tokens":0,
              "saved_tokens":0,"saved_cost_usd":0,"p95_ms":1204.63}]
            """), actual);
    }

    [Fact]
    public async Task Days_widens_the_window()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        var actual = Parse(await env.JsonAsync("/__report/models?days=30"))[1];

        Assert.Equal(("gpt-4o", 5, 470L, 0.0046m), (actual.GetProperty("model").GetString(),
            actual.GetProperty("request_count").GetInt32(), actual.GetProperty("total_tokens").GetInt64(),
            actual.GetProperty("cost_usd").GetDecimal()));
    }
}
