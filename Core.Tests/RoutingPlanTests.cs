using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class RoutingPlanTests
{
    private static readonly Gen<(GatewayConfig Config, int Ticket, HealthState Health, EndpointKind Kind)> Inputs =
        RoutingGens.ProvidersAndTicket.SelectMany(x => Gen.Select(
            RoutingGens.Failover, RoutingGens.Health(x.Providers), Gen.Enum<EndpointKind>(),
            (f, h, k) => (RoutingGens.Config(x.Providers, f), x.Ticket, h, k)));

    [Fact]
    public void Plan_with_failover_on_understood_endpoints_is_the_reordered_failover_order() =>
        Inputs.Where((c, _, _, k) => c.Failover.Enabled && k != EndpointKind.Passthrough)
            .Sample((config, ticket, health, kind) =>
            {
                var first = WeightedSelection.Pick(config.Providers, ticket);
                var order = FailoverOrder.Of(config.Providers, first);
                var expected = PassiveHealth.Reorder(order, health, RoutingGens.Epoch);

                var actual = RoutingPlan.Plan(config, kind, ticket, health, RoutingGens.Epoch);

                return actual.SequenceEqual(expected);
            });

    [Fact]
    public void Plan_never_leaves_out_a_distinct_enabled_upstream() =>
        Inputs.Where((c, _, _, k) => c.Failover.Enabled && k != EndpointKind.Passthrough)
            .Sample((config, ticket, health, kind) =>
            {
                var actual = RoutingPlan.Plan(config, kind, ticket, health, RoutingGens.Epoch);

                return config.Providers.Where(p => p.Enabled).All(p => actual.Any(p.IsSameUpstreamAs));
            });

    [Fact]
    public void Plan_without_failover_is_only_the_weighted_pick() =>
        Inputs.Where((c, _, _, k) => !c.Failover.Enabled && k != EndpointKind.Passthrough)
            .Sample((config, ticket, health, kind) =>
            {
                var actual = RoutingPlan.Plan(config, kind, ticket, health, RoutingGens.Epoch);

                return actual.SequenceEqual([WeightedSelection.Pick(config.Providers, ticket)]);
            });

    /// The same one for every ticket and health: a file or a batch lives in one account.
    [Fact]
    public void Plan_for_passthrough_is_one_provider() =>
        Inputs.Sample((config, ticket, health, _) =>
            RoutingPlan.Plan(config, EndpointKind.Passthrough, ticket, health, RoutingGens.Epoch)
                .SequenceEqual([WeightedSelection.Pick(config.Providers, 0)]));

    [Fact]
    public void Plan_healthy_state_starts_with_the_weighted_pick() =>
        Inputs.Where((_, _, _, k) => k != EndpointKind.Passthrough)
            .Sample((config, ticket, _, kind) =>
                RoutingPlan.Plan(config, kind, ticket, HealthState.Empty, RoutingGens.Epoch)[0]
                    == WeightedSelection.Pick(config.Providers, ticket));

    [Fact]
    public void Plan_no_enabled_provider_is_empty()
    {
        ImmutableArray<ProviderConfig> providers = [RoutingGens.Provider("a", 0)];
        var failover = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 3, TimeSpan.FromSeconds(30));

        var config = RoutingGens.Config(providers, failover);

        var actual = RoutingPlan.Plan(config, EndpointKind.ChatCompletions, 0, HealthState.Empty, RoutingGens.Epoch);

        Assert.Empty(actual);
    }

    [Fact]
    public void Plan_parked_pick_goes_last_but_stays_in_the_plan()
    {
        var a = RoutingGens.Provider("a", baseUrl: "https://a.example/v1");
        var b = RoutingGens.Provider("b", baseUrl: "https://b.example/v1");
        var c = RoutingGens.Provider("c", baseUrl: "https://c.example/v1");
        var failover = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 1, TimeSpan.FromSeconds(30));
        var health = PassiveHealth.RecordFailure(HealthState.Empty, "b", RoutingGens.Epoch, failover);

        var config = RoutingGens.Config([a, b, c], failover);

        var actual = RoutingPlan.Plan(config, EndpointKind.ChatCompletions, 1, health, RoutingGens.Epoch);

        Assert.Equal(new[] { a, c, b }, actual);
    }
}
