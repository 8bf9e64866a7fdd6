using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ProviderReachabilityTests
{
    private static readonly FailoverConfig On = new(true, RoutingGens.DefaultOnStatus, 3, TimeSpan.FromSeconds(30));

    private static GatewayConfig Config(FailoverConfig failover, params ProviderConfig[] providers) =>
        RoutingGens.Config([.. providers], failover);

    [Fact]
    public void Problems_plain_config_has_none()
    {
        var config = Config(On with { Enabled = false }, RoutingGens.Provider("a"), RoutingGens.Provider("b", baseUrl: "https://b.example/v1"));

        var actual = ProviderReachability.Problems(config).ToArray();

        Assert.Empty(actual);
    }

    [Fact]
    public void Problems_every_listed_model_aliased_away_names_the_models_key()
    {
        var local = RoutingGens.Provider("local", baseUrl: "http://127.0.0.1:11434/v1") with { Models = ["llama3"] };
        var config = Config(On, RoutingGens.Provider("openai"), local) with
        {
            Routing = RoutingConfig.Default with { Aliases = [new("llama*", "gpt-4o-mini")] },
        };

        var actual = ProviderReachability.Problems(config).ToArray();

        Assert.Equal(
            ["providers[1].models: no model request can reach this provider: [aliases] renames every model it lists, "
             + "and no alias targets one of them"],
            actual);
    }

    [Fact]
    public void Problems_an_alias_target_keeps_a_provider_reachable()
    {
        var local = RoutingGens.Provider("local", baseUrl: "http://127.0.0.1:11434/v1") with { Models = ["llama3"] };
        var config = Config(On, RoutingGens.Provider("openai"), local) with
        {
            Routing = RoutingConfig.Default with { Aliases = [new("*", "gpt-4o-mini"), new("local", "llama3")] },
        };

        var actual = ProviderReachability.Problems(config).ToArray();

        Assert.Empty(actual);
    }

    private static GatewayConfig Aliased(ProviderConfig provider, params ModelAlias[] aliases) =>
        Config(On, RoutingGens.Provider("openai"), provider) with
        {
            Routing = RoutingConfig.Default with { Aliases = [.. aliases] },
        };

    private static readonly ProviderConfig Local =
        RoutingGens.Provider("local", baseUrl: "http://127.0.0.1:11434/v1");

    // Only certain cases are problems: a disabled provider, a model no alias renames, a glob
    // only part of whose names an alias catches, and a glob alias that is not all stars leave
    // the provider reachable.
    [Fact]
    public void Problems_a_provider_some_model_of_which_still_reaches_it_has_none()
    {
        var llama = new ModelAlias("llama*", "gpt-4o");
        var actual = new[]
        {
            Aliased(Local with { Weight = 0, Models = ["llama3"] }, llama),
            Aliased(Local with { Models = ["llama3", "qwen"] }, llama),
            Aliased(Local with { Models = ["llama-*"] }, new ModelAlias("llama-*", "gpt-4o")),
            Aliased(Local with { Models = ["llama3"] },
                new ModelAlias("gpt-*", "o3"), new ModelAlias("o1", "o3")),
        }.Select(ProviderReachability.Problems);

        Assert.All(actual, problems => Assert.Empty(problems));
    }

    [Fact]
    public void Problems_an_all_star_alias_renames_every_model_even_a_glob()
    {
        var config = Aliased(Local with { Models = ["llama-*"] }, new ModelAlias("**", "gpt-4o"));

        var actual = ProviderReachability.Problems(config);

        Assert.Equal(["providers[1].models"], actual.Select(p => p[..p.IndexOf(':')]));
    }

    // Only an enabled provider that serves every model (no `models`) shadows a later tier.
    [Fact]
    public void Problems_a_provider_with_models_or_disabled_shadows_no_later_tier()
    {
        var off = On with { Enabled = false };
        var backup = RoutingGens.Provider("backup", baseUrl: "https://b.example/v1")
            with { Priority = 2 };

        var actual = (
            ProviderReachability.Problems(Config(off,
                RoutingGens.Provider("main") with { Models = ["gpt-4o"] }, backup)),
            ProviderReachability.Problems(Config(off, RoutingGens.Provider("main", 0), backup)));

        Assert.Empty(actual.Item1);
        Assert.Empty(actual.Item2);
    }

    [Fact]
    public void Problems_higher_tier_behind_a_serve_everything_provider_without_failover()
    {
        var backup = RoutingGens.Provider("backup", baseUrl: "https://b.example/v1") with { Priority = 2 };

        var actual = (ProviderReachability.Problems(Config(On with { Enabled = false }, RoutingGens.Provider("main"), backup)),
            ProviderReachability.Problems(Config(On, RoutingGens.Provider("main"), backup)));

        Assert.Equal(
            ["providers[1].priority: no model request can reach this provider: with failover off only the first "
             + "choice is tried, and providers[0] serves every model at a lower priority number"],
            actual.Item1.ToArray());
        Assert.Empty(actual.Item2);
    }
}
