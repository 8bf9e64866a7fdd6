using System.Globalization;
using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// Requests through Kestrel and the simulator end up as rows in a real SQLite file.
public class AuditEndToEndTests
{
    [Fact]
    public async Task Two_thousand_requests_at_concurrency_50_give_exactly_2000_rows()
    {
        await using var env = await TestEnv.StartAsync(audit: true);
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();

        await Parallel.ForAsync(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, ct) =>
        {
            var body = $$"""{"model":"m","messages":[{"role":"user","content":"request {{i}}"}]}""";
            using var response = await env.PostAsync("/v1/chat/completions", body, ct: ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add(long.Parse(response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture));
        });
        // A client has its whole answer before the gateway hands the exchange to the writer, so
        // stop the gateway first (in-flight requests finish, as on SIGTERM), then drain: draining
        // first refused a late hand-off once under load (1,999 rows).
        await env.Gateway.StopAsync();
        await env.Store!.Writer.DrainAsync();

        Assert.Equal(2000, ids.Distinct().Count());
        Assert.Equal(2000, env.Store.Count());
        Assert.Equal(0, env.Store.Writer.Failed);
    }

    [Fact]
    public async Task Bodies_with_wrong_types_or_invalid_utf8_are_still_recorded()
    {
        await using var env = await TestEnv.StartAsync(audit: true);
        byte[][] bodies =
        [
            "{\"model\":\"m\",\"messages\":[{\"role\":5,\"content\":\"x\"}]}"u8.ToArray(),
            [.. "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a"u8, 0xC3, 0x28, .. "\"}]}"u8],
        ];

        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await env.Client.PostAsync("/v1/chat/completions", content);
            var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture);

            var stored = await env.Store!.StoredAsync(id);

            Assert.Equal(body, stored.Exchange.RequestBody!.Bytes.ToArray());
        }
        Assert.Equal(0, env.Store!.Writer.Failed);
    }

    [Fact]
    public async Task Passthrough_requests_are_recorded_without_usage()
    {
        await using var env = await TestEnv.StartAsync(audit: true);

        using var response = await env.Client.GetAsync("/v1/models");

        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture);
        var stored = await env.Store!.StoredAsync(id);
        Assert.Equal("GET", stored.Exchange.Method);
        Assert.Equal("/v1/models", stored.Exchange.Path);
        Assert.Equal("sim0", stored.Exchange.Provider);
        Assert.Null(stored.Exchange.Usage);
    }

    [Fact]
    public async Task A_cache_hit_is_stored_with_its_source_and_the_usage_it_saved()
    {
        await using var env = await TestEnv.StartAsync(audit: true, configure: sims => TestEnv.DefaultConfig(sims).WithCache());
        const string chat = """{"model":"m","messages":[{"role":"user","content":"a b c"}]}""";

        using var first = await env.PostAsync("/v1/chat/completions", chat);
        var missId = (await env.Sink.NextAsync()).Id;
        await env.Store!.StoredAsync(missId);
        using var second = await env.PostAsync("/v1/chat/completions", chat);
        var hit = (await env.Store.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;

        Assert.Equal(Core.Caching.CacheStatus.Hit, hit.Cache);
        Assert.Equal(missId, hit.CacheSourceId);
        Assert.Equal(Core.Usage.UsageSource.Cache, hit.UsageSource);
        Assert.Equal(3, hit.Usage!.PromptTokens);
    }
}
