using System.Net;
using System.Text.Json;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Gateway;

/// Codex's remote compaction, `POST /v1/responses/compact`, spends tokens like a response. It was
/// a passthrough path: no forced model, no usage counted, and refused under
/// `[server] passthrough = "read"`. It is an understood endpoint now, of OpenAI's dialect.
public sealed class CompactionTests
{
    private const string Compact = """{"model":"gpt-5-codex","input":"one two three four"}""";

    [Fact]
    public async Task Compaction_is_recorded_with_its_usage_and_the_forced_model()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, model: "forced-model")), audit: true);

        using var response = await env.PostAsync("/v1/responses/compact", Compact);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("response.compaction", json.RootElement.GetProperty("object").GetString());
        var upstream = env.Sim.Requests.Single();
        Assert.Equal("/v1/responses/compact", upstream.PathAndQuery);
        using var sent = JsonDocument.Parse(upstream.BodyText);
        Assert.Equal("forced-model", sent.RootElement.GetProperty("model").GetString());
        var exchange = (await env.Store!.StoredAsync((await env.Sink.NextAsync()).Id)).Exchange;
        var expected = SimulatedUsage.For(upstream.BodyText, env.Sim.Options.Chunks);
        Assert.Equal("responses/compact", EndpointNames.Of(exchange.Endpoint));
        Assert.Equal("forced-model", exchange.EffectiveModel);
        Assert.Equal(UsageSource.Body, exchange.UsageSource);
        Assert.Equal((expected.PromptTokens, expected.CompletionTokens),
            (exchange.Usage?.PromptTokens, exchange.Usage?.CompletionTokens));
        Assert.True(expected.PromptTokens > 0);
    }

    [Theory]
    [InlineData(PassthroughMode.Read)]
    [InlineData(PassthroughMode.Models)]
    public async Task Compaction_passes_where_only_understood_endpoints_may_spend(
        PassthroughMode mode)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
        {
            var config = TestEnv.DefaultConfig(sims);
            return config with { Server = config.Server with { Passthrough = mode } };
        });

        using var response = await env.PostAsync("/v1/responses/compact", Compact);
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Compacting_a_stored_response_goes_to_the_provider_that_holds_it()
    {
        // Three providers of the same model; draws cycle, so an unpinned request moves on.
        var next = -1;
        await using var env = await TestEnv.StartAsync(simulators: 3,
            configure: sims => TestConfigs.With(
                [.. sims.Select((s, i) => TestConfigs.Provider($"p{i}", s.BaseUrl))]),
            drawTicket: _ => Interlocked.Increment(ref next));
        using var first = await env.PostAsync("/v1/responses", """{"model":"m","input":"a"}""");
        using var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetString();
        var holder = Enumerable.Range(0, 3).Single(i => env.Sims[i].RequestCount == 1);

        for (var turn = 0; turn < 3; turn++)
        {
            using var compacted = await env.PostAsync("/v1/responses/compact",
                $$"""{"model":"m","previous_response_id":"{{id}}"}""");
            Assert.Equal(HttpStatusCode.OK, compacted.StatusCode);
        }

        Assert.Equal(4, env.Sims[holder].RequestCount);
        Assert.Equal(4, env.Sims.Sum(s => s.RequestCount));
    }
}
