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
