using System.Text.Json;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Gateway;

/// The exchange handed to the audit carries exact token usage for every understood endpoint.
public class UsageCaptureTests
{
    public static TheoryData<string, string, bool> Requests => new()
    {
        { "/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"one two three"}]}""", false },
        { "/v1/chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"one two three"}]}""", true },
        { "/v1/chat/completions", """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"one two three"}]}""", true },
        { "/v1/completions", """{"model":"m","prompt":"one two three four"}""", false },
        { "/v1/completions", """{"model":"m","stream":true,"prompt":"one two three four"}""", true },
        { "/v1/responses", """{"model":"m","input":"one two"}""", false },
        { "/v1/responses", """{"model":"m","stream":true,"input":"one two"}""", true },
        { "/v1/embeddings", """{"model":"e","input":"embed these words"}""", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Usage_is_recorded_with_exact_counts(string path, string body, bool stream)
    {
        await using var env = await TestEnv.StartAsync(audit: true);

        using var response = await env.PostAsync(path, body, h => h.Add("x-sim-cached-tokens", "1"));
        await response.Content.ReadAsStringAsync();

        var exchange = (await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;
        var upstreamBody = env.Sim.Requests.Single().BodyText;
        var isEmbedding = path.EndsWith("embeddings", StringComparison.Ordinal);
        var expected = SimulatedUsage.For(upstreamBody, isEmbedding ? 0 : env.Sim.Options.Chunks, cachedTokens: 1);
        Assert.Equal(stream ? UsageSource.Stream : UsageSource.Body, exchange.UsageSource);
        Assert.NotNull(exchange.Usage);
        Assert.Equal(expected.PromptTokens, exchange.Usage.PromptTokens);
        Assert.Equal(expected.CompletionTokens, exchange.Usage.CompletionTokens);
        Assert.Equal(expected.TotalTokens, exchange.Usage.TotalTokens);
        Assert.Equal(isEmbedding ? null : 1, exchange.Usage.CachedTokens);
        Assert.True(exchange.Complete);
    }

    [Fact]
    public async Task A_stream_without_usage_is_recorded_as_none_not_zero()
    {
        // An OpenAI-compatible upstream that ignores include_usage (the gateway asks for it).
        var stream = System.Text.Encoding.UTF8.GetBytes(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0," +
            "\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        await using var upstream = await FixedUpstream.StartAsync(stream, "text/event-stream");
        await using var env = await TestEnv.StartAsync(configure: _ =>
            TestConfigs.With(TestConfigs.Provider("no-usage", upstream.BaseUrl)), audit: true);
        const string body = """{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}""";

        using var response = await env.PostAsync("/v1/chat/completions", body);
        await response.Content.ReadAsStringAsync();

        var exchange = (await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;
        Assert.Equal(UsageSource.None, exchange.UsageSource);
        Assert.Null(exchange.Usage);
    }

    // helper-97: Moonshot/Kimi's stream puts its usage in the last chunk's choices[0].usage,
    // with `cached_tokens` at the usage's root: the audit had no usage and no cost.
    [Fact]
    public async Task A_kimi_stream_is_audited_with_its_usage_and_cost()
    {
        var stream = System.Text.Encoding.UTF8.GetBytes(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"kimi\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
            + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"kimi\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"usage\":"
            + "{\"prompt_tokens\":39,\"completion_tokens\":211,\"total_tokens\":250,"
            + "\"cached_tokens\":30}}]}\n\ndata: [DONE]\n\n");
        await using var upstream = await FixedUpstream.StartAsync(stream, "text/event-stream");
        await using var env = await TestEnv.StartAsync(configure: _ =>
            TestConfigs.With(TestConfigs.Provider("moonshot", upstream.BaseUrl)) with
            {
                Pricing = System.Collections.Immutable.ImmutableDictionary<string,
                    Core.Config.ModelPrice>.Empty.Add("kimi", new Core.Config.ModelPrice(1m, 2m, 0.1m)),
            }, audit: true);
        const string body = """{"model":"kimi","stream":true,"messages":[{"role":"user","content":"x"}]}""";

        using var response = await env.PostAsync("/v1/chat/completions", body);
        var received = await response.Content.ReadAsByteArrayAsync();

        var exchange = (await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;
        Assert.Equal(stream, received);
        Assert.Equal((UsageSource.Stream, 39L, 211L, 250L, (long?)30),
            (exchange.UsageSource, exchange.Usage!.PromptTokens, exchange.Usage.CompletionTokens,
                exchange.Usage.TotalTokens, exchange.Usage.CachedTokens));
        Assert.Equal((9m * 1m + 30m * 0.1m + 211m * 2m) / 1_000_000m, exchange.CostUsd);
    }

    [Fact]
    public async Task Priced_model_gets_a_cost_and_unpriced_none()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestEnv.DefaultConfig(sims) with
        {
            Pricing = System.Collections.Immutable.ImmutableDictionary<string, Core.Config.ModelPrice>.Empty
                .Add("priced", new Core.Config.ModelPrice(1_000_000m, 2_000_000m, null)),
        });

        using var priced = await env.PostAsync("/v1/embeddings", """{"model":"priced","input":"a b c"}""");
        using var unpriced = await env.PostAsync("/v1/embeddings", """{"model":"free","input":"a b c"}""");

        var first = await env.Sink.NextAsync();
        var second = await env.Sink.NextAsync();
        Assert.Equal(first.Usage!.PromptTokens * 1m, first.CostUsd);
        Assert.Null(second.CostUsd);
        _ = JsonDocument.Parse(await priced.Content.ReadAsStringAsync());
    }
}
