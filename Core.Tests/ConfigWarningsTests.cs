using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class ConfigWarningsTests
{
    private static GatewayConfig Config(params ProviderConfig[] providers) =>
        RoutingGens.Config([.. providers], RoutingGens.Failover.Single());

    [Fact]
    public void A_plain_config_has_none() =>
        Assert.Empty(ConfigWarnings.Of(Config(RoutingGens.Provider("a"))));

    [Theory]
    [InlineData("https://api.anthropic.com", true)]
    [InlineData("https://api.anthropic.com/", true)]
    [InlineData("https://api.deepseek.com/anthropic", true)]
    [InlineData("https://api.anthropic.com/v1", false)]
    [InlineData("https://api.anthropic.com/v1/", false)]
    [InlineData("https://api.deepseek.com/anthropic/v1", false)]
    public void An_anthropic_base_url_without_v1_is_named(string baseUrl, bool warned)
    {
        var anthropic = RoutingGens.Provider("claude", baseUrl: baseUrl) with
        {
            Api = ProviderApi.Anthropic,
        };

        var actual = ConfigWarnings.Of(Config(RoutingGens.Provider("a"), anthropic));

        Assert.Equal(warned, actual.Any(w => w.StartsWith("providers[1].base_url: ",
            StringComparison.Ordinal)));
        // It says what to do, not what the URL already is (it read "ends in /v1").
        Assert.All(actual.Where(w => w.StartsWith("providers[1]", StringComparison.Ordinal)),
            w => Assert.Contains("should end in /v1", w, StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_pasted_twice_is_named_once()
    {
        var first = RoutingGens.Provider("api.example.com");
        var again = first with { Name = "api.example.com#2" };

        var actual = Repeats(Config(first,
            RoutingGens.Provider("b", baseUrl: "https://b.example/v1"), again));

        Assert.Equal(
            ["providers[2]: repeats providers[0] (same base_url, api_key, headers, api, models " +
                "and priority): it only doubles that provider's share of the requests and adds " +
                "no failover; remove it, or set weight instead"],
            actual);
    }

    [Fact]
    public void The_same_upstream_for_other_models_or_another_priority_is_not_a_repeat()
    {
        var first = RoutingGens.Provider("a");

        Assert.Empty(Repeats(Config(first, first with { Name = "b", Priority = 2 })));
        Assert.Empty(Repeats(Config(first, first with { Name = "b", Models = ["x"] })));
        Assert.Empty(Repeats(Config(first, first with { Name = "b", ApiKey = "k2" })));
        Assert.Single(Repeats(Config(first, first with { Name = "b" })));
    }

    private static IEnumerable<string> Repeats(GatewayConfig config) =>
        ConfigWarnings.Of(config).Where(w => w.Contains(": repeats ", StringComparison.Ordinal));

    [Fact]
    public void An_openai_base_url_without_v1_is_not_warned_about()
    {
        // OpenAI-compatible servers mount their API at many paths (Azure, /api/paas/v4, …).
        var actual = ConfigWarnings.Of(Config(
            RoutingGens.Provider("zhipu", baseUrl: "https://open.bigmodel.cn/api/paas/v4")));

        Assert.Empty(actual);
    }

    // helper-65: ai-menshen users carry `https://api.openai.com` over; every request was a 404.
    [Theory]
    [InlineData("https://api.openai.com", true)]
    [InlineData("https://API.OpenAI.com/", true)]
    [InlineData("https://openrouter.ai", true)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("https://openrouter.ai/api/v1", false)]
    [InlineData("https://api.deepseek.com", false)]
    [InlineData("http://127.0.0.1:11434", false)]
    public void A_known_host_at_its_root_is_named_with_its_api_path(string baseUrl, bool warned)
    {
        var actual = ConfigWarnings.Of(Config(RoutingGens.Provider("p", baseUrl: baseUrl)));

        Assert.Equal(warned, actual.Any(w => w.StartsWith("providers[0].base_url: ",
            StringComparison.Ordinal) && w.Contains("serves its API under /", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_model_list_of_patterns_only_is_warned_about_once_listed_names_vanish()
    {
        var globs = Config(RoutingGens.Provider("a") with { Models = ["gpt-*"] });
        var named = Config(RoutingGens.Provider("a") with { Models = ["gpt-*", "gpt-4o"] });

        Assert.Contains(ConfigWarnings.Of(globs),
            w => w.StartsWith("GET /v1/models: ", StringComparison.Ordinal));
        Assert.Empty(ConfigWarnings.Of(named));
    }

    [Fact]
    public void A_gateway_model_list_that_leaves_out_providers_serving_every_model_names_them()
    {
        // helper-61: one alias turned a passed-through list into the alias alone, unwarned;
        // and the empty-list warning blamed patterns where a provider had no `models` at all.
        var config = Config(RoutingGens.Provider("a"), RoutingGens.Provider("b"),
            RoutingGens.Provider("c") with { Models = ["claude-*"] });
        var aliased = config with
        {
            Routing = config.Routing with { Aliases = [new ModelAlias("fast", "m")] },
        };

        Assert.Equal(
            ["GET /v1/models: the gateway answers it from `models` and [aliases], so it does not "
             + "list the models of providers a and b (no `models`: they serve every model); give "
             + "them a `models` list to show those"],
            ConfigWarnings.Of(config).Where(w => w.StartsWith("GET ", StringComparison.Ordinal)));
        Assert.Single(ConfigWarnings.Of(aliased),
            w => w.StartsWith("GET /v1/models: ", StringComparison.Ordinal));
        Assert.Empty(ConfigWarnings.Of(Config(RoutingGens.Provider("a"))));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void An_unshared_cache_without_auth_is_named(bool auth, bool warned)
    {
        var config = Config(RoutingGens.Provider("a"));
        config = config with
        {
            Cache = config.Cache with { Enabled = true, Shared = false },
            Auth = auth ? new AuthConfig(true, "u", "p", "t", []) : AuthConfig.Disabled,
        };

        var actual = ConfigWarnings.Of(config);

        Assert.Equal(warned, actual.Any(w => w.StartsWith("cache.shared: ", StringComparison.Ordinal)));
    }

    // Claude Code and the Anthropic SDKs send claude-* names to /v1/messages, which only
    // api = "anthropic" providers serve: an alias that sends such a name to an OpenAI-only
    // model loads, then answers every Claude Code request with 404.
    [Theory]
    [InlineData("claude-opus-*", "gpt-4o", true)]
    [InlineData("Claude-Haiku-4-5", "gpt-4o", true)]
    [InlineData("claude-*", "claude-sonnet-4-5", false)]
    [InlineData("fast", "gpt-4o", false)]
    public void A_claude_alias_no_anthropic_provider_can_answer_is_named(string alias,
        string target, bool warned)
    {
        var config = Config(RoutingGens.Provider("openai") with { Models = ["gpt-*"] },
            RoutingGens.Provider("anthropic") with
            {
                Api = ProviderApi.Anthropic,
                Models = ["claude-*"],
            });
        config = config with
        {
            Routing = config.Routing with { Aliases = [new ModelAlias(alias, target)] },
        };

        var actual = ConfigWarnings.Of(config);

        var key = Core.Config.Document.KeyPath.Child("aliases", alias);
        Assert.Equal(warned, actual.Any(w => w.StartsWith(key + ": ", StringComparison.Ordinal)));
    }
}
