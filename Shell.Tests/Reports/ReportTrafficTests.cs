using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

/// Real requests through the gateway and the simulator, then the report API over what they wrote.
public class ReportTrafficTests
{
    private static readonly string[] Secrets = ["gw-main-token", "gw-ci-token", "sk-upstream-secret", "dash-password", "wrong-secret-token"];

    private static Task<TestEnv> WithAuthAsync() => TestEnv.StartAsync(reports: true, configure: sims =>
        TestEnv.DefaultConfig(sims).WithCache().WithAuth("gw-main-token", new ClientKey("ci-bot", "gw-ci-token")));

    private static async Task<long> SendAsync(TestEnv env, string body, Action<HttpRequestHeaders> auth)
    {
        using var response = await env.PostAsync("/v1/chat/completions", body, auth);
        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture);
        await env.Store!.StoredAsync(id);
        return id;
    }

    private static void Dashboard(HttpRequestHeaders h) =>
        h.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:dash-password")));

    // helper-72: `/__report/log?id=` of the hit gave `response_preview: null`.
    [Fact]
    public async Task A_cache_hit_shows_the_answer_it_replayed()
    {
        // A hit stores no body of its own: the log list and the detail show its source's answer
        // preview.
        await using var env = await WithAuthAsync();
        const string chat = """{"model":"m","messages":[{"role":"user","content":"twice"}]}""";
        var miss = await SendAsync(env, chat, h => h.Authorization = new("Bearer", "gw-main-token"));
        var hit = await SendAsync(env, chat, h => h.Authorization = new("Bearer", "gw-main-token"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/__report/logs");
        Dashboard(request.Headers);
        using var response = await env.Client.SendAsync(request);
        var rows = Parse(await response.Content.ReadAsStringAsync()).EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetInt64());

        var answer = rows[miss].GetProperty("response_preview").GetString();
        Assert.False(string.IsNullOrEmpty(answer));
        Assert.True(rows[hit].GetProperty("cached").GetBoolean());
        Assert.Equal(answer, rows[hit].GetProperty("response_preview").GetString());
        using var detail = new HttpRequestMessage(HttpMethod.Get, $"/__report/log?id={hit}");
        Dashboard(detail.Headers);
        using var detailResponse = await env.Client.SendAsync(detail);
        Assert.Equal(answer, Parse(await detailResponse.Content.ReadAsStringAsync())
            .GetProperty("response_preview").GetString());
    }

    // helper-73: a stream cut after its 200 was counted an error by the overview but showed as
    // a plain 200 in the log, and no filter found it.
    [Fact]
    public async Task A_stream_cut_after_its_200_is_marked_and_found_by_the_error_filter()
    {
        await using var env = await WithAuthAsync();
        var ok = await SendAsync(env, """{"model":"m","messages":[{"role":"user","content":"ok"}]}""",
            h => h.Authorization = new("Bearer", "gw-main-token"));
        env.Sim.Options.DropAfter = 2;
        long cut;
        using (var response = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"cut"}]}""",
            h => h.Authorization = new("Bearer", "gw-main-token"),
            completion: HttpCompletionOption.ResponseHeadersRead))
        {
            cut = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
                CultureInfo.InvariantCulture);
            try
            {
                await response.Content.ReadAsByteArrayAsync();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // a cut stream may end with a broken connection
            }
        }
        await env.Store!.StoredAsync(cut);

        async Task<Dictionary<long, System.Text.Json.JsonElement>> LogsAsync(string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/__report/logs" + query);
            Dashboard(request.Headers);
            using var response = await env.Client.SendAsync(request);
            return Parse(await response.Content.ReadAsStringAsync()).EnumerateArray()
                .ToDictionary(r => r.GetProperty("id").GetInt64());
        }
        var all = await LogsAsync("");
        var errors = await LogsAsync("?status=error");

        Assert.Equal(200, all[cut].GetProperty("status_code").GetInt32());
        Assert.Equal("upstream failed mid-stream", all[cut].GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all[ok].GetProperty("error").ValueKind);
        Assert.Equal([cut], errors.Keys);
    }

    [Fact]
    public async Task No_report_answer_contains_a_secret()
    {
        await using var env = await WithAuthAsync();
        const string chat = """{"model":"m","messages":[{"role":"user","content":"hello there"}]}""";
        long[] ids =
        [
            await SendAsync(env, chat, h => h.Authorization = new("Bearer", "gw-main-token")),
            await SendAsync(env, chat, h => h.Add("x-api-key", "gw-ci-token")),
            await SendAsync(env, """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""", h => h.Add("api-key", "gw-ci-token")),
            await SendAsync(env, chat, h => h.Authorization = new("Bearer", "wrong-secret-token")),
        ];
        string[] paths =
        [
            "summary", "daily", "models", "providers", "keys", "series?bucket=hour", "logs", "logs?format=csv",
            "logs?q=hello", .. ids.Select(id => $"log?id={id}"),
        ];

        var answers = new StringBuilder();
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/__report/" + path);
            Dashboard(request.Headers);
            using var response = await env.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, path + ": " + await response.Content.ReadAsStringAsync());
            answers.Append(response.Headers).Append(response.Content.Headers).Append(await response.Content.ReadAsStringAsync());
        }

        var actual = answers.ToString();
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, actual, StringComparison.Ordinal));
        Assert.Contains("\"key\":\"ci-bot\"", actual, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"default\"", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_need_the_dashboard_login_when_auth_is_on()
    {
        await using var env = await WithAuthAsync();

        using var actual = await env.Client.GetAsync("/__report/summary");

        Assert.Equal(HttpStatusCode.Unauthorized, actual.StatusCode);
        Assert.Equal("Basic realm=\"ai-menshen\"", actual.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Proxied_requests_and_a_cache_hit_show_in_summary_and_logs()
    {
        await using var env = await TestEnv.StartAsync(reports: true, configure: sims => TestEnv.DefaultConfig(sims).WithCache());
        const string chat = """{"model":"m","messages":[{"role":"user","content":"a b c"}]}""";
        var miss = await SendAsync(env, chat, _ => { });
        var hit = await SendAsync(env, chat, _ => { });

        var summary = Parse(await env.JsonAsync("/__report/summary?days=1"));
        var logs = Parse(await env.JsonAsync("/__report/logs?days=1")).EnumerateArray().ToArray();

        var stored = (await env.Store!.StoredAsync(miss)).Exchange.Usage!;
        Assert.Equal((2L, 1L, stored.TotalTokens, stored.TotalTokens), (summary.GetProperty("total_requests").GetInt64(),
            summary.GetProperty("cache_hits").GetInt64(), summary.GetProperty("total_tokens").GetInt64(),
            summary.GetProperty("saved_tokens").GetInt64()));
        Assert.Equal([(hit, true), (miss, false)], logs.Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("cached").GetBoolean())));
    }
}
