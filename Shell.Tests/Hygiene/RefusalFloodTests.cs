using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Hygiene;

/// helper-62: any web page in the user's browser can send refused requests by the thousand,
/// each with a long path of its choosing; one tab wrote 11 GB an hour of audit rows and log.
public sealed class RefusalFloodTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Refusals_beyond_the_budget_are_answered_alike_but_not_recorded()
    {
        var clock = new ManualClock(Start);
        await using var env = await TestEnv.StartAsync(clock: clock);
        var path = "/v1/chat/completions/" + new string('A', 2000);

        async Task<HttpResponseMessage> CrossSiteAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = TestEnv.Json("{}"),
            };
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            return await env.Client.SendAsync(request);
        }

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++) answers.Add(await CrossSiteAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        answers.Add(await CrossSiteAsync());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
        Assert.All(answers, a => Assert.Equal("sandbox",
            a.Headers.GetValues("Content-Security-Policy").Single()));
        Assert.Equal(31, answers.Count(a => a.Headers.Contains("X-Request-Id")));
        for (var i = 0; i < 31; i++) Assert.Equal(403, (await env.Sink.NextAsync()).Status);
        Assert.Equal(31, env.Sink.Exchanges.Count);
        var metrics = await env.Client.GetStringAsync("/metrics");
        Assert.Contains("menshen_refusals_unrecorded_total 10", metrics,
            StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
        Assert.All(env.Sink.Exchanges, e => Assert.True(e.Path.Length <= 257, e.Path));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task A_flood_of_one_kind_of_refusal_hides_no_other_kind()
    {
        // helper-63: with one budget, a page's cross-site flood hid Codex's WebSocket 426.
        var clock = new ManualClock(Start);
        await using var env = await TestEnv.StartAsync(clock: clock);
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = TestEnv.Json("{}"),
            };
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var refused = await env.Client.SendAsync(request);
        }

        var upgrade = await RawHttp.SendAsync(env.Gateway.BaseAddress,
            "GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13", "");

        Assert.Equal(426, upgrade.Status);
        Assert.NotNull(upgrade.Header("X-Request-Id"));
        for (var i = 0; i < 30; i++) Assert.Equal(403, (await env.Sink.NextAsync()).Status);
        Assert.Equal(426, (await env.Sink.NextAsync()).Status);
    }
    [Fact]
    public async Task Unauthenticated_requests_beyond_the_budget_are_answered_but_not_recorded()
    {
        // With [auth] on, anyone who can reach the port sent 401s by the thousand, each row
        // holding a path of ~8 KB of its choosing (the same growth the gate's budget stops).
        var clock = new ManualClock(Start);
        await using var env = await TestEnv.StartAsync(clock: clock,
            configure: sims => TestEnv.DefaultConfig(sims).WithAuth("client-token"));
        var path = "/v1/chat/completions/" + new string('A', 2000);

        async Task<HttpResponseMessage> KeylessAsync() =>
            await env.Client.PostAsync(path, TestEnv.Json("{\"model\":\"m\"}"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++) answers.Add(await KeylessAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        answers.Add(await KeylessAsync());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(31, answers.Count(a => a.Headers.Contains("X-Request-Id")));
        for (var i = 0; i < 31; i++) Assert.Equal(401, (await env.Sink.NextAsync()).Status);
        Assert.Equal(31, env.Sink.Exchanges.Count);
        Assert.All(env.Sink.Exchanges, e => Assert.True(e.Path.Length <= 257, e.Path));
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new("Basic",
            Convert.ToBase64String("admin:dash-password"u8.ToArray()));
        using var metrics = await env.Client.SendAsync(scrape);
        Assert.Contains("menshen_refusals_unrecorded_total 10",
            await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
        answers.ForEach(a => a.Dispose());
    }
}
