using System.Net;
using System.Text.Json;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// SPEC §14 end to end: `POST /v1/messages` through the real gateway to a simulated Anthropic
/// provider, audited with the normalised usage and its cost.
public class AnthropicMessagesTests
{
    private static readonly (string, string)[] CacheHeaders =
        [("x-sim-cached-tokens", "11"), ("x-sim-cache-write-tokens", "3"), ("x-sim-cache-write-1h-tokens", "4")];

    private static Action<System.Net.Http.Headers.HttpRequestHeaders> With(params (string Name, string Value)[] headers) =>
        h => { foreach (var (name, value) in headers) h.Add(name, value); };

    // input 5 + cache read 11 + writes 3 (5 m) and 4 (1 h) = prompt 23; output 8 (the chunks).
    private static readonly TokenUsage Expected = new(23, 8, 31, 11, null, 3, 4);

    // (23 − 11 − 7) × 3 + 11 × 0.3 + 3 × 3.75 + 4 × 6 + 8 × 15 = 173.55 per million.
    private const decimal ExpectedCost = 0.00017355m;

    [Fact]
    public async Task Json_message_is_relayed_as_it_came_and_audited_with_exact_usage_and_cost()
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync(Hello, With(CacheHeaders));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var usage = body.RootElement.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(Hello, env.Sim.Requests.Single().BodyText);
        var actual = await env.Sink.NextAsync();
        Assert.Equal(EndpointKind.Messages, actual.Endpoint);
        Assert.Equal("anthropic0", actual.Provider);
        Assert.Equal(Expected, actual.Usage);
        Assert.Equal(UsageSource.Body, actual.UsageSource);
        Assert.Equal(ExpectedCost, actual.CostUsd);
        Assert.True(actual.Complete);
        Assert.Null(actual.ErrorNote);
    }

    [Fact]
    public async Task Streamed_message_is_audited_with_the_last_value_of_each_usage_field()
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync(StreamHello, With(CacheHeaders));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        var actual = await env.Sink.NextAsync();
        Assert.True(actual.Stream);
        Assert.Equal(Expected, actual.Usage);
        Assert.Equal(UsageSource.Stream, actual.UsageSource);
        Assert.Equal(ExpectedCost, actual.CostUsd);
        Assert.True(actual.Complete);
    }

    [Fact]
    public async Task Usage_without_cache_fields_counts_no_cache_writes_and_bills_input_and_output()
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync(Hello);

        var actual = await env.Sink.NextAsync();
        Assert.Equal(new TokenUsage(5, 8, 13, 0, null, 0, 0), actual.Usage);
        Assert.Equal((5 * 3m + 8 * 15m) / 1_000_000m, actual.CostUsd);
    }

    [Fact]
    public async Task Count_tokens_is_understood_and_audited_without_usage()
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync(Hello, path: "/v1/messages/count_tokens?beta=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"input_tokens\":5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/v1/messages/count_tokens?beta=true", env.Sim.Requests.Single().PathAndQuery);
        var actual = await env.Sink.NextAsync();
        Assert.Equal(EndpointKind.MessagesCountTokens, actual.Endpoint);
        Assert.Null(actual.Usage);
        Assert.Equal(UsageSource.None, actual.UsageSource);
        // Free, and the model is priced: 0, not "no price" (helper-47, NothingSpent).
        Assert.Equal(0m, actual.CostUsd);
    }

    [Theory]
    [InlineData("/v1/messages?beta=true", "/v1/messages?beta=true")]
    [InlineData("/messages", "/v1/messages")]
    public async Task Both_path_forms_reach_the_provider_base_url_with_the_query_kept(string path, string upstream)
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync(Hello, path: path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(upstream, env.Sim.Requests.Single().PathAndQuery);
        Assert.Equal(EndpointKind.Messages, (await env.Sink.NextAsync()).Endpoint);
    }

    [Fact]
    public async Task An_alias_rewrites_only_the_model_of_a_messages_body()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Routing = c.Routing with { Aliases = [new ModelAlias("claude-3-5-haiku-*", Model)] },
        });

        using var response = await env.MessagesAsync(Hello.Replace(Model, "claude-3-5-haiku-20241022", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Hello, env.Sim.Requests.Single().BodyText);
        var actual = await env.Sink.NextAsync();
        Assert.Equal(("claude-3-5-haiku-20241022", Model), (actual.RequestedModel, actual.EffectiveModel));
    }

    [Fact]
    public async Task Messages_go_only_to_anthropic_providers_and_chat_only_to_openai_ones()
    {
        await using var env = await TestEnv.StartAsync(simulators: 2, drawTicket: _ => 0, configure: sims =>
            TestConfigs.With(TestConfigs.Provider("openai", sims[0].BaseUrl), Provider("anthropic", sims[1])));

        using var messages = await env.MessagesAsync(Hello);
        using var chat = await env.PostAsync("/v1/chat/completions",
            """{"model":"claude-sim-1","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (messages.StatusCode, chat.StatusCode));
        Assert.Equal("/v1/chat/completions", env.Sims[0].Requests.Single().PathAndQuery);
        Assert.Equal("/v1/messages", env.Sims[1].Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Without_an_anthropic_provider_messages_stay_a_passthrough_path()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.MessagesAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EndpointKind.Passthrough, (await env.Sink.NextAsync()).Endpoint);
    }

    // The first provider is overloaded (`overload` sets its simulator): the client gets the
    // second one's whole stream, without the overload; the record is returned.
    private static async Task<Exchange> FailedOverStreamAsync(TestEnv env,
        Action<SimulatorOptions> overload)
    {
        overload(env.Sims[0].Options);

        using var response = await env.MessagesAsync(StreamHello);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("overloaded_error", text, StringComparison.Ordinal);
        var actual = await env.Sink.NextAsync();
        Assert.Equal("anthropic1", actual.Provider);
        return actual;
    }

    [Fact]
    public async Task Failover_on_529_before_the_first_byte_reaches_the_next_provider()
    {
        await using var env = await StartAsync(simulators: 2);

        var actual = await FailedOverStreamAsync(env, o => o.FailStatus = 529);

        Assert.Equal([529, 200], actual.Attempts.Select(a => a.Status ?? 0));
        Assert.Equal(new TokenUsage(5, 8, 13, 0, null, 0, 0), actual.Usage);
    }

    [Fact]
    public async Task An_overloaded_error_as_a_stream_s_first_event_fails_over_to_the_next_provider()
    {
        await using var env = await StartAsync(simulators: 2);

        var actual = await FailedOverStreamAsync(env, o => o.ErrorAfter = 0);

        Assert.Equal(["anthropic0", "anthropic1"], actual.Attempts.Select(a => a.Provider));
        Assert.Equal("upstream error event at the start of the stream: overloaded_error: "
            + "Overloaded", actual.Attempts[0].Error);
        Assert.Null(actual.ErrorNote);
        Assert.Equal(1, env.Sims[1].RequestCount);
        // The attempt counts as the 529 it was failed over as, not as its 200.
        var metrics = await env.Client.GetStringAsync("/metrics");
        Assert.Contains(
            "menshen_upstream_attempt_seconds_count{provider=\"anthropic0\",outcome=\"529\"} 1",
            metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_whose_streams_all_open_with_an_error_is_the_last_resort_answer()
    {
        await using var env = await StartAsync(simulators: 2);
        env.Sims[0].Options.ErrorAfter = 0;
        env.Sims[1].Options.ErrorAfter = 0;

        using var response = await env.MessagesAsync(StreamHello);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("overloaded_error", text, StringComparison.Ordinal);
        var actual = await env.Sink.NextAsync();
        Assert.Equal("anthropic1", actual.Provider);
        Assert.Equal(2, actual.Attempts.Length);
        Assert.StartsWith("upstream error event mid-stream: overloaded_error", actual.ErrorNote,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_cuts_every_stream_goes_last_after_unhealthy_after_cuts()
    {
        await using var env = await StartAsync(simulators: 2);
        env.Sims[0].Options.DropAfter = 3;

        for (var i = 0; i < 3; i++)
        {
            using var cut = await env.MessagesAsync(StreamHello,
                completion: HttpCompletionOption.ResponseHeadersRead);
            Assert.True((await SseReader.ReadUntilEndOrCutAsync(cut)).Cut);
            Assert.Equal("anthropic0", (await env.Sink.NextAsync()).Provider);
        }
        using var response = await env.MessagesAsync(StreamHello);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        var actual = await env.Sink.NextAsync();
        Assert.Equal(["anthropic1"], actual.Attempts.Select(a => a.Provider));
        Assert.Equal(3, env.Sims[0].RequestCount);
    }
}
