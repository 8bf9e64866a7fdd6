using System.Net;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Routing;

/// SPEC §13 end to end: three simulated upstreams that each serve their own models, behind the
/// real gateway on loopback. sim0 "openai" (tier 1, `gpt-4o*`), sim1 "deepseek" (tier 1,
/// `deepseek-chat`), sim2 "local" (tier 2, `llama3` and `gpt-4o`); each simulator answers 404
/// for a model it lacks, so a request routed to the wrong provider fails the test.
public class ModelRoutingTests
{
    private static readonly string[][] Served =
        [["gpt-4o", "gpt-4o-mini"], ["deepseek-chat"], ["llama3", "gpt-4o"]];

    private static async Task<TestEnv> ThreeProvidersAsync(
        Func<GatewayConfig, GatewayConfig>? adjust = null, Func<int, int>? drawTicket = null)
    {
        var env = await TestEnv.StartAsync(simulators: 3, drawTicket: drawTicket ?? (_ => 0),
            configure: sims => (adjust ?? (c => c))(Config(sims)));
        for (var i = 0; i < 3; i++) env.Sims[i].Options.Models = Served[i];
        return env;
    }

    private static GatewayConfig Config(IReadOnlyList<SimulatorServer> sims) =>
        TestConfigs.With(
            TestConfigs.Provider("openai", sims[0].BaseUrl) with { Models = ["gpt-4o*"] },
            TestConfigs.Provider("deepseek", sims[1].BaseUrl) with { Models = ["deepseek-chat"] },
            TestConfigs.Provider("local", sims[2].BaseUrl) with
            {
                Models = ["llama3", "gpt-4o"],
                Priority = 2,
            }) with
        {
            Routing = RoutingConfig.Default with
            {
                Aliases =
                [
                    new ModelAlias("fast", "gpt-4o-mini"),
                    new ModelAlias("claude-*", "deepseek-chat"),
                ],
            },
        };

    private static string Chat(string model) =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""";

    private static int[] Counts(TestEnv env) => [.. env.Sims.Select(s => s.RequestCount)];

    [Theory]
    [InlineData("deepseek-chat", 1)]
    [InlineData("gpt-4o-mini", 0)]
    [InlineData("gpt-4o", 0)]
    [InlineData("llama3", 2)]
    public async Task A_model_goes_only_to_the_provider_that_serves_it(string model, int expected)
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([.. Enumerable.Range(0, 3).Select(i => i == expected ? 1 : 0)], Counts(env));
        Assert.Equal(Chat(model), env.Sims[expected].Requests[0].BodyText);
    }

    [Theory]
    [InlineData("fast", "gpt-4o-mini", 0)]
    [InlineData("claude-3-5-haiku", "deepseek-chat", 1)]
    public async Task An_alias_is_sent_as_its_target_and_audited_as_both(
        string alias, string target, int expected)
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat(alias));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Chat(target), env.Sims[expected].Requests[0].BodyText);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal((alias, target, target), (exchange.RequestedModel, exchange.ResolvedModel,
            exchange.EffectiveModel));
    }

    [Fact]
    public async Task A_failing_first_tier_fails_over_to_the_second()
    {
        await using var env = await ThreeProvidersAsync();
        env.Sims[0].Options.FailStatus = 503;

        using var response = await env.PostAsync("/v1/chat/completions", Chat("gpt-4o"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 0, 1], Counts(env));
        var exchange = await env.Sink.NextAsync();
        Assert.Equal("local", exchange.Provider);
        Assert.Equal([503, 200], exchange.Attempts.Select(a => a.Status ?? 0));
    }

    [Fact]
    public async Task An_unserved_model_is_404_model_not_found_and_touches_no_upstream()
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat("mistral-large"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = error.RootElement.GetProperty("error");
        Assert.Equal("model_not_found", body.GetProperty("code").GetString());
        Assert.Contains(
            "mistral-large", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([0, 0, 0], Counts(env));
        var record = await env.Sink.NextAsync();
        // Nothing spent: 0, not "no price", so the report's no-provider group reads 0.
        Assert.Equal((404, 0m), (record.Status, record.CostUsd));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":null,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":123,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"","messages":[{"role":"user","content":"hi"}]}""")]
    public async Task A_request_without_a_model_to_route_by_is_400_naming_the_member(string body)
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = error.RootElement.GetProperty("error");
        Assert.Equal("model", detail.GetProperty("param").GetString());
        Assert.Contains("model", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([0, 0, 0], Counts(env));
    }

    // Even where a provider serves every model: no real model is kilobytes long, and the audit
    // row, the report sums and the metric labels would each keep it.
    [Fact]
    public async Task A_model_longer_than_512_characters_is_400_and_recorded_cut()
    {
        await using var env = await TestEnv.StartAsync();
        var model = "gpt-" + new string('x', 60_000);

        using var response = await env.PostAsync("/v1/chat/completions", Chat(model));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = error.RootElement.GetProperty("error");
        Assert.Equal("model", detail.GetProperty("param").GetString());
        Assert.Contains("512 characters", detail.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(0, env.Sims[0].RequestCount);
        var record = await env.Sink.NextAsync();
        Assert.Equal(400, record.Status);
        Assert.Equal(model[..512] + "…", record.RequestedModel);
    }

    [Fact]
    public async Task An_unserved_alias_target_is_named_beside_the_model_the_client_sent()
    {
        await using var env = await ThreeProvidersAsync(c => c with
        {
            Routing = c.Routing with { Aliases = [new ModelAlias("claude-*", "claude-haiku-4-5")] },
        });

        using var response = await env.PostAsync("/v1/chat/completions", Chat("claude-3-5-haiku"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = error.RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("'claude-3-5-haiku'", message, StringComparison.Ordinal);
        Assert.Contains("'claude-haiku-4-5'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/models/gpt-4o-mini", "openai")]
    [InlineData("/v1/models/llama3", "local")]
    [InlineData("/models/deepseek-chat", "deepseek")]
    [InlineData("/v1/models/fast", "alias")]
    [InlineData("/v1/models/claude-3-opus", "alias")]
    public async Task One_model_is_answered_by_the_gateway_as_its_routing_sees_it(
        string path, string owner)
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(path[(path.LastIndexOf('/') + 1)..], json.RootElement.GetProperty("id").GetString());
        Assert.Equal("model", json.RootElement.GetProperty("object").GetString());
        Assert.Equal(owner, json.RootElement.GetProperty("owned_by").GetString());
        Assert.Equal([0, 0, 0], Counts(env));
    }

    [Fact]
    public async Task A_model_no_provider_serves_is_404_at_its_own_path_too()
    {
        await using var env = await ThreeProvidersAsync();

        using var response = await env.Client.GetAsync("/v1/models/mistral-large");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found",
            error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal([0, 0, 0], Counts(env));
    }

    [Fact]
    public async Task Models_are_listed_by_the_gateway_when_configured()
    {
        await using var env = await ThreeProvidersAsync();

        foreach (var path in new[] { "/v1/models", "/models", "/v1/models/" })
        {
            using var response = await env.Client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                ["deepseek-chat:deepseek", "llama3:local", "gpt-4o:local", "fast:alias"],
                await ListedAsync(response));
        }
        Assert.Equal([0, 0, 0], Counts(env));
    }

    [Fact]
    public async Task Models_are_passed_through_without_models_or_aliases()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1);
        env.Sim.Options.Models = ["upstream-only"];

        using var response = await env.Client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["upstream-only:menshen-simulator"], await ListedAsync(response));
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Sticky_keeps_a_client_key_on_the_provider_of_its_first_request()
    {
        var draws = 0;
        await using var env = await ThreeProvidersAsync(
            c => c with
            {
                Providers = [.. c.Providers.Select(p => p with { Priority = 1 })],
                Routing = c.Routing with { Sticky = StickyMode.Key },
            },
            _ => Interlocked.Increment(ref draws));

        for (var i = 0; i < 6; i++)
        {
            using var response = await env.PostAsync("/v1/chat/completions", Chat("gpt-4o"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The first draw (1 of weight 2) picks `local`; without sticky the draws would alternate.
        Assert.Equal([0, 0, 6], Counts(env));
    }

    [Fact]
    public async Task Without_sticky_the_same_draws_alternate()
    {
        var draws = 0;
        await using var env = await ThreeProvidersAsync(
            c => c with { Providers = [.. c.Providers.Select(p => p with { Priority = 1 })] },
            _ => Interlocked.Increment(ref draws));

        for (var i = 0; i < 6; i++)
        {
            using var response = await env.PostAsync("/v1/chat/completions", Chat("gpt-4o"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal([3, 0, 3], Counts(env));
    }

    private static async Task<string[]> ListedAsync(HttpResponseMessage response)
    {
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. list.RootElement.GetProperty("data").EnumerateArray().Select(m =>
            m.GetProperty("id").GetString() + ":" + m.GetProperty("owned_by").GetString())];
    }
}
