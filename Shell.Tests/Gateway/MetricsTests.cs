using System.Globalization;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class MetricsTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"one two"}]}""";

    [Fact]
    public async Task Exposition_counts_requests_tokens_failovers_and_cache_hits()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0,
            configure: sims => TestEnv.DefaultConfig(sims).WithCache());
        env.Sims[0].Options.FailStatus = 503;

        using (await env.PostAsync("/v1/chat/completions", Chat)) { }
        using (await env.PostAsync("/v1/chat/completions", Chat)) { }
        using (await env.PostAsync("/v1/chat/completions", Chat, h => h.CacheControl = new() { NoCache = true })) { }
        for (var i = 0; i < 3; i++) await env.Sink.NextAsync();
        var metrics = Parse(await env.Client.GetStringAsync("/metrics"));

        Assert.Equal(2, metrics["menshen_requests_total{endpoint=\"chat/completions\",provider=\"sim1\",status=\"200\"}"]);
        Assert.Equal(1, metrics["menshen_requests_total{endpoint=\"chat/completions\",provider=\"cache\",status=\"200\"}"]);
        Assert.Equal(1, metrics["menshen_cache_hits_total"]);
        Assert.Equal(2, metrics["menshen_failovers_total{provider=\"sim0\"}"]);
        Assert.Equal(4, metrics["menshen_tokens_total{model=\"m\",kind=\"prompt\"}"]);
        Assert.Equal(2, metrics["menshen_upstream_attempt_seconds_count{provider=\"sim0\",outcome=\"503\"}"]);
        Assert.Equal(0, metrics["menshen_audit_queue_depth"]);
    }

    // An alert on upstream timeouts must not fire on refused connections, nor the other way;
    // and an agent's ten-minute stream belongs in a bucket of its own, not in +Inf.
    [Fact]
    public async Task A_timeout_and_a_refused_connection_have_their_own_outcomes()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("slow", sims[0].BaseUrl),
                TestConfigs.Provider("dead", new Uri(
                    $"http://127.0.0.1:{FailoverTests.ClosedPort()}/v1")))
                .WithTimeout(TimeSpan.FromMilliseconds(300)));
        env.Sim.Options.HeaderDelayMs = 3000;

        using (await env.PostAsync("/v1/chat/completions", Chat)) { }
        await env.Sink.NextAsync();
        var exposition = await env.Client.GetStringAsync("/metrics");
        var metrics = Parse(exposition);

        Assert.Equal(1, metrics[
            "menshen_upstream_attempt_seconds_count{provider=\"slow\",outcome=\"timeout\"}"]);
        Assert.Equal(1, metrics[
            "menshen_upstream_attempt_seconds_count{provider=\"dead\",outcome=\"error\"}"]);
        Assert.Contains("menshen_request_seconds_bucket{endpoint=\"chat/completions\",le=\"655.36\"}",
            exposition, StringComparison.Ordinal);
    }

    // helper-72: a stream the upstream cut after its first chunks counted as a 200 only, though
    // the reports count it an error, so an alert on errors never saw it; and a client that left
    // before the answer began counted as the provider's `error`.
    [Fact]
    public async Task A_stream_cut_mid_way_is_an_error_and_a_client_that_left_is_not_the_providers()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1);
        env.Sim.Options.DropAfter = 3;
        using (var cut = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"cut"}]}""",
            completion: HttpCompletionOption.ResponseHeadersRead))
        {
            try
            {
                await cut.Content.ReadAsByteArrayAsync();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // a cut stream may end with a broken connection
            }
        }
        await env.Sink.NextAsync();
        env.Sim.Options.DropAfter = null;
        env.Sim.Options.HeaderDelayMs = 3000;
        using (var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => env.Client.PostAsync(
                "/v1/chat/completions", TestEnv.Json(Chat), leave.Token));
        }
        await env.Sink.NextAsync();
        var metrics = Parse(await env.Client.GetStringAsync("/metrics"));

        Assert.Equal(1, metrics["menshen_request_errors_total{endpoint=\"chat/completions\"," +
            "provider=\"sim0\",class=\"upstream\"}"]);
        Assert.Equal(1, metrics["menshen_upstream_attempt_seconds_count{provider=\"sim0\"," +
            "outcome=\"client_closed\"}"]);
        Assert.DoesNotContain("menshen_upstream_attempt_seconds_count{provider=\"sim0\"," +
            "outcome=\"error\"}", metrics.Keys);
        Assert.Single(metrics, m => m.Key.StartsWith("menshen_request_errors_total{",
            StringComparison.Ordinal) && m.Key.EndsWith("class=\"client\"}",
            StringComparison.Ordinal) && m.Value == 1);
    }

    [Fact]
    public async Task Metrics_need_dashboard_auth_when_auth_is_on()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestEnv.DefaultConfig(sims).WithAuth("t"));

        using var response = await env.Client.GetAsync("/metrics");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/metrics/", "menshen_requests_total")]
    [InlineData("/healthz/", "\"status\"")]
    public async Task A_local_route_with_a_trailing_slash_is_answered_here_not_upstream(
        string path, string expected)
    {
        // A scrape config's `/metrics/` went upstream with the provider's key.
        await using var env = await TestEnv.StartAsync();

        using var response = await env.Client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    // SPEC §3: the favicon is answered here with an icon (helper-58: it was an empty 204), and
    // robots.txt with a deny-all, without auth and never upstream.
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/robots.txt", "text/plain")]
    public async Task The_favicon_and_robots_are_answered_here(string path, string type)
    {
        await using var env = await TestEnv.StartAsync(
            configure: sims => TestEnv.DefaultConfig(sims).WithAuth("t"));

        using var response = await env.Client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(path == "/robots.txt"
            ? System.Text.Encoding.ASCII.GetString(body).Contains("Disallow: /",
                StringComparison.Ordinal)
            : body.AsSpan().StartsWith(new byte[] { 0, 0, 1, 0 }) && body.Length > 22);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    /// Sample lines of the text format: `name{labels} value`, comments skipped.
    [Fact]
    public async Task Anthropic_prompt_cache_writes_are_counted_whole_and_the_hour_part_apart()
    {
        await using var env = await Messages.AnthropicGateway.StartAsync();

        using (await Messages.AnthropicGateway.MessagesAsync(env, Messages.AnthropicGateway.Hello,
            h =>
            {
                h.Add("x-sim-cache-write-tokens", "7");
                h.Add("x-sim-cache-write-1h-tokens", "5");
            })) { }
        await env.Sink.NextAsync();
        var metrics = Parse(await env.Client.GetStringAsync("/metrics"));

        const string Model = Messages.AnthropicGateway.Model;
        // All writes, as the report's cache_write_tokens (helper-67: it counted only the 7).
        Assert.Equal(12,
            metrics[$"menshen_tokens_total{{model=\"{Model}\",kind=\"cache_write\"}}"]);
        Assert.Equal(5,
            metrics[$"menshen_tokens_total{{model=\"{Model}\",kind=\"cache_write_1h\"}}"]);
    }

    private static Dictionary<string, double> Parse(string exposition)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
