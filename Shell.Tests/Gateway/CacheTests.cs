using System.Net;
using Menshen.Core.Caching;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class CacheTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"cache me please"}]}""";
    private const string StreamChat = """{"model":"m","stream":true,"messages":[{"role":"user","content":"cache me"}]}""";

    private static Task<TestEnv> Cached(long maxBodyBytes = 5_242_880, TimeSpan maxAge = default, TimeProvider? clock = null) =>
        TestEnv.StartAsync(clock: clock, configure: sims => TestEnv.DefaultConfig(sims).WithCache(maxBodyBytes, maxAge));

    [Fact]
    public async Task Second_identical_request_is_a_hit_and_upstream_sees_one_call()
    {
        await using var env = await Cached();

        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        using var second = await env.PostAsync("/v1/chat/completions",
            """{ "messages":[{"content":"cache me please","role":"user"}], "model":"m", "user":"someone" }""");

        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, env.Sim.RequestCount);
        var miss = await env.Sink.NextAsync();
        var hit = await env.Sink.NextAsync();
        Assert.Equal(CacheStatus.Hit, hit.Cache);
        Assert.Equal(miss.Id, hit.CacheSourceId);
        Assert.Equal(miss.Usage, hit.Usage);
    }

    // helper-41: the key is made of the first planned provider's body (here with its forced
    // model); a failover's answer from a provider sent the client's model was stored under it,
    // and replayed to requests for gpt-4o-mini and o3 alike.
    [Fact]
    public async Task A_failover_answer_to_another_body_is_not_stored_under_the_first_key()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("cheap-forced", sims[0].BaseUrl, model: "gpt-4o-mini"),
                TestConfigs.Provider("full", sims[1].BaseUrl) with { Priority = 2 }).WithCache());
        env.Sims[0].Options.FailStatus = 500;
        const string asked = """{"model":"gpt-4o","messages":[{"role":"user","content":"same"}]}""";

        using var first = await env.PostAsync("/v1/chat/completions", asked);
        using var second = await env.PostAsync("/v1/chat/completions",
            asked.Replace("gpt-4o", "o3", StringComparison.Ordinal));
        var miss = await env.Sink.NextAsync();

        Assert.Equal(["cheap-forced", "full"], miss.Attempts.Select(a => a.Provider));
        Assert.False(miss.CacheEligible);
        Assert.Equal(CacheRejection.OtherBody, miss.CacheRejection);
        Assert.Equal(["MISS", "MISS"], new[] { first, second }
            .Select(r => r.Headers.GetValues("X-Cache").Single()));
    }

    [Fact]
    public async Task With_client_keys_passed_upstream_an_entry_answers_only_the_same_key()
    {
        // No provider key and no gateway auth: each client's own key goes upstream, so an
        // answer stored for one key must not reach a client with another key or none.
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, apiKey: "")).WithCache());

        async Task<string> CacheAsync(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = TestEnv.Json(Chat),
            };
            if (key is not null) request.Headers.Authorization = new("Bearer", key);
            using var response = await env.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.GetValues("X-Cache").Single();
        }

        string[] actual = [await CacheAsync("sk-alice"), await CacheAsync("sk-bogus"),
            await CacheAsync(null), await CacheAsync("sk-alice")];

        Assert.Equal(["MISS", "MISS", "MISS", "HIT"], actual);
        Assert.Equal(3, env.Sim.RequestCount);
    }

    [Theory]
    [InlineData("x-goog-api-key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    public async Task Client_key_passthrough_splits_the_cache_by_any_credential_header(
        string name)
    {
        // helper-62: the upstream checked a Gemini key the cache key left out, so a client with
        // no key at all was answered from another's entry.
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, apiKey: "")).WithCache());

        async Task<string> CacheAsync(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = TestEnv.Json(Chat),
            };
            if (key is not null) request.Headers.Add(name, key);
            using var response = await env.Client.SendAsync(request);
            return response.Headers.GetValues("X-Cache").Single();
        }

        string[] actual = [await CacheAsync("VICTIM"), await CacheAsync(null),
            await CacheAsync("VICTIM")];

        Assert.Equal(["MISS", "MISS", "HIT"], actual);
        Assert.Equal("VICTIM", env.Sim.Requests[0].Headers[name]);
    }

    // A team gateway: with `[cache] shared = false` one member's answers never reach another
    // (nor tell them, by a HIT, what was asked); each key still hits its own entries.
    [Theory]
    [InlineData(true, new[] { "MISS", "HIT", "HIT" }, 1)]
    [InlineData(false, new[] { "MISS", "MISS", "HIT" }, 2)]
    public async Task With_gateway_auth_the_cache_is_shared_among_keys_unless_configured(
        bool shared, string[] expected, int upstreamCalls)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
        {
            var config = TestEnv.DefaultConfig(sims).WithCache().WithAuth("gw-default",
                new Core.Config.ClientKey("alice", "gw-alice"),
                new Core.Config.ClientKey("bob", "gw-bob"));
            return config with { Cache = config.Cache with { Shared = shared } };
        });

        async Task<string> CacheAsync(string key)
        {
            using var response = await env.PostAsync("/v1/chat/completions", Chat,
                h => h.Authorization = new("Bearer", key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.GetValues("X-Cache").Single();
        }

        string[] actual = [await CacheAsync("gw-alice"), await CacheAsync("gw-bob"),
            await CacheAsync("gw-bob")];

        Assert.Equal(expected, actual);
        Assert.Equal(upstreamCalls, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_body_that_says_stream_twice_cannot_fill_the_streaming_entry()
    {
        // The upstream reads the last `stream` (false) and answers plain JSON; stored under the
        // streaming key, that answer would be replayed to every streaming client.
        await using var env = await Cached();

        using var twice = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"stream":false,"messages":[{"role":"user","content":"cache me"}]}""");
        await twice.Content.ReadAsByteArrayAsync();
        using var stream = await env.PostAsync("/v1/chat/completions", StreamChat);

        Assert.Equal("MISS", stream.Headers.GetValues("X-Cache").Single());
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sse_replay_is_byte_identical_to_the_original_stream()
    {
        await using var env = await Cached();

        using var first = await env.PostAsync("/v1/chat/completions", StreamChat);
        var original = await first.Content.ReadAsByteArrayAsync();
        using var second = await env.PostAsync("/v1/chat/completions", StreamChat);
        var replayed = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal("text/event-stream", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(original, replayed);
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Stream_and_non_stream_requests_never_share_an_entry()
    {
        await using var env = await Cached();

        using var plain = await env.PostAsync("/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"cache me"}]}""");
        using var stream = await env.PostAsync("/v1/chat/completions", StreamChat);

        Assert.Equal("MISS", stream.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Dropped_stream_is_not_cached()
    {
        await using var env = await Cached();
        env.Sim.Options.DropAfter = 3;

        using (var first = await env.PostAsync("/v1/chat/completions", StreamChat, completion: HttpCompletionOption.ResponseHeadersRead))
            await DrainAsync(first);
        env.Sim.Options.DropAfter = null;
        using var second = await env.PostAsync("/v1/chat/completions", StreamChat);

        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Oversized_answer_is_not_cached()
    {
        await using var env = await Cached(maxBodyBytes: 100);

        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        using var second = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task No_cache_skips_the_lookup_but_stores_and_no_store_skips_both()
    {
        await using var env = await Cached();

        using var noStore = await env.PostAsync("/v1/chat/completions", Chat, h => h.CacheControl = new() { NoStore = true });
        using var afterNoStore = await env.PostAsync("/v1/chat/completions", Chat, h => h.CacheControl = new() { NoCache = true });
        using var afterNoCache = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal("BYPASS", noStore.Headers.GetValues("X-Cache").Single());
        Assert.Equal("BYPASS", afterNoStore.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", afterNoCache.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Entries_expire_after_max_age()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var env = await Cached(maxAge: TimeSpan.FromSeconds(60), clock: clock);

        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        await env.Sink.NextAsync(); // finished (and stamped) before the clock moves
        clock.Advance(TimeSpan.FromSeconds(59));
        using var fresh = await env.PostAsync("/v1/chat/completions", Chat);
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        using var stale = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal("HIT", fresh.Headers.GetValues("X-Cache").Single());
        Assert.Equal("59", fresh.Headers.GetValues("Age").Single());
        Assert.Equal("MISS", stale.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, env.Sim.RequestCount);
    }

    // helper-91: with `max_age = 0` an answer kept being served from memory two days after
    // retention had purged its row (its cache_source_id a 404). Entries expire with retention.
    [Fact]
    public async Task Without_max_age_entries_expire_with_retention()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var env = await TestEnv.StartAsync(clock: clock, configure: sims =>
        {
            var config = TestEnv.DefaultConfig(sims).WithCache();
            return config with { Storage = config.Storage with { RetentionDays = 1 } };
        });

        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromHours(23));
        using var kept = await env.PostAsync("/v1/chat/completions", Chat);
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromHours(2));
        using var purged = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(["HIT", "MISS"], new[] { kept, purged }
            .Select(r => r.Headers.GetValues("X-Cache").Single()));
        Assert.Equal(2, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_request_max_age_refuses_older_entries_and_never_extends_max_age()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var env = await Cached(maxAge: TimeSpan.FromSeconds(60), clock: clock);
        Task<HttpResponseMessage> Ask(string cacheControl) => env.PostAsync(
            "/v1/chat/completions", Chat, headers: h => h.Add("Cache-Control", cacheControl));

        // Each exchange is finished (its answer remembered, stamped by the clock) before the
        // clock moves on: the server finishes after the client has read the answer, and under
        // load it stamped `old`'s answer 61 s late, so `wide` hit it.
        using var first = await env.PostAsync("/v1/chat/completions", Chat);
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        using var young = await Ask("max-age=10");
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var old = await Ask("max-age=10");
        await env.Sink.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(61));
        using var wide = await Ask("max-age=3600");

        // Age 10 is no older than 10 s; age 11 is; a longer max-age keeps the configured 60 s.
        Assert.Equal(["HIT", "MISS", "MISS"], new[] { young, old, wide }
            .Select(r => r.Headers.GetValues("X-Cache").Single()));
        Assert.Equal(3, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Twenty_concurrent_identical_requests_make_one_upstream_call()
    {
        await using var env = await Cached();
        env.Sim.Options.HeaderDelayMs = 500;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => env.PostAsync("/v1/chat/completions", Chat)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, env.Sim.RequestCount);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task When_the_leaders_client_leaves_one_follower_leads_and_the_rest_wait()
    {
        // The leader's upstream call ends with its client; its followers must not all go
        // upstream at once then (a herd of identical calls), but elect a new leader.
        await using var env = await Cached();
        env.Sim.Options.HeaderDelayMs = 800;
        using (var leader = new System.Net.Sockets.TcpClient())
        {
            await leader.ConnectAsync(env.Gateway.BaseAddress.Host, env.Gateway.BaseAddress.Port);
            var body = System.Text.Encoding.UTF8.GetBytes(Chat);
            var head = System.Text.Encoding.ASCII.GetBytes(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n" +
                "Content-Type: application/json\r\n" +
                $"Content-Length: {body.Length}\r\n\r\n");
            await leader.GetStream().WriteAsync(head.Concat(body).ToArray());
            await env.Sim.WaitForRequestsAsync(1, TimeSpan.FromSeconds(5));
            var followers = Enumerable.Range(0, 5)
                .Select(_ => env.PostAsync("/v1/chat/completions", Chat)).ToList();
            await Task.Delay(200); // the followers are waiting on the leader
            leader.Close();

            var responses = await Task.WhenAll(followers);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(2, env.Sim.RequestCount); // the first leader's, then the new leader's
            Assert.Equal(4, responses.Count(r => r.Headers.GetValues("X-Cache").Single() == "HIT"));
            foreach (var r in responses) r.Dispose();
        }
        Assert.True((await env.Sink.NextAsync()).ClientClosed);
    }

    private static async Task DrainAsync(HttpResponseMessage response)
    {
        try
        {
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // a cut stream may end with a broken connection
        }
    }
}
