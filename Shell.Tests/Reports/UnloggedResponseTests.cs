using System.Globalization;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Reports;

/// `[logging] log_response_body = false` with the cache on: the answer is kept so that the cache
/// can replay it, but the audit never shows it: not in the log detail, not to the text search.
public class UnloggedResponseTests
{
    private const string Chat =
        """{"model":"m","messages":[{"role":"user","content":"a private question"}]}""";

    private static Task<TestEnv> StartAsync() => TestEnv.StartAsync(reports: true,
        configure: sims => TestEnv.DefaultConfig(sims).WithCache() with
        {
            Logging = new LoggingConfig(LogRequestBody: true, LogResponseBody: false, 8_388_608),
        });

    private static async Task<(long Id, string? Cache)> SendAsync(TestEnv env)
    {
        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            CultureInfo.InvariantCulture);
        await env.Store!.StoredAsync(id);
        return (id, response.Headers.GetValues("X-Cache").SingleOrDefault());
    }

    [Fact]
    public async Task A_response_kept_only_for_the_cache_is_neither_shown_nor_searched()
    {
        await using var env = await StartAsync();
        var (first, miss) = await SendAsync(env);
        var (_, hit) = await SendAsync(env);

        using var detail = JsonDocument.Parse(await env.JsonAsync($"/__report/log?id={first}"));
        using var byAnswer = JsonDocument.Parse(await env.JsonAsync("/__report/logs?q=simulator"));
        using var byQuestion = JsonDocument.Parse(await env.JsonAsync("/__report/logs?q=private"));

        Assert.Equal(("MISS", "HIT"), (miss, hit)); // the cache still replays it
        Assert.Equal(JsonValueKind.Null, detail.RootElement.GetProperty("response_body").ValueKind);
        Assert.Contains("a private question",
            detail.RootElement.GetProperty("request_body").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, byAnswer.RootElement.GetArrayLength());
        Assert.Equal(2, byQuestion.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_log_keeps_no_more_of_a_response_than_its_own_cap()
    {
        // The capture holds the cache's larger cap; the log's is 100 bytes.
        await using var env = await TestEnv.StartAsync(reports: true,
            configure: sims => TestEnv.DefaultConfig(sims).WithCache() with
            {
                Logging = new LoggingConfig(LogRequestBody: true, LogResponseBody: true, 100),
            });
        var (replayable, _) = await SendAsync(env);
        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.CacheControl = new() { NoStore = true });
        var kept = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            CultureInfo.InvariantCulture);
        await env.Store!.StoredAsync(kept);
        var (_, hit) = await SendAsync(env);

        using var whole = JsonDocument.Parse(await env.JsonAsync($"/__report/log?id={replayable}"));
        using var cut = JsonDocument.Parse(await env.JsonAsync($"/__report/log?id={kept}"));

        // Kept whole for the cache, and shown up to the log's cap like any other (helper-58: the
        // replayable one was not shown at all).
        Assert.Equal("HIT", hit);
        foreach (var shown in new[] { whole, cut })
        {
            Assert.Equal(100, shown.RootElement.GetProperty("response_body").GetString()!.Length);
            Assert.True(shown.RootElement.GetProperty("response_body_truncated").GetBoolean());
        }
        // The preview of the one kept whole reads its message text, not the cut raw JSON
        // (helper-59).
        using var logs = JsonDocument.Parse(await env.JsonAsync("/__report/logs"));
        var preview = logs.RootElement.EnumerateArray()
            .Single(r => r.GetProperty("id").GetInt64() == replayable)
            .GetProperty("response_preview").GetString();
        Assert.False(string.IsNullOrEmpty(preview));
        Assert.DoesNotContain("{", preview, StringComparison.Ordinal);
    }
}
