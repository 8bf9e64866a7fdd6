using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// How affinity and stickiness override the weighted draw, and when they do not.
public class RouteHintTests
{
    private static readonly DateTimeOffset Now = RoutingGens.Epoch;

    private static RouteDecision Route(GatewayConfig c, RouteQuery q, HealthState h, int ticket) =>
        RoutingPlan.Route(c, q, h, Now, ticket);

    private static ProviderConfig? Candidate(GatewayConfig c, RouteQuery q, string? name) =>
        RouteCandidates.Of(c.Providers, q.Model, q.Endpoint).FirstOrDefault(p => p.Name == name);

    [Fact]
    public void Route_affinity_to_a_candidate_is_the_whole_plan_whatever_its_health() =>
        ModelRoutingGens.Routed.Sample((config, query, health, ticket) =>
        {
            var pinned = Candidate(config, query, query.AffinityProvider);

            var actual = Route(config, query, health, ticket);

            return pinned is null || (actual.Order.SequenceEqual([pinned]) && actual.Choice == RouteChoice.Affinity);
        });

    [Fact]
    public void Route_affinity_to_a_non_candidate_is_as_if_absent() =>
        // (A request without a model is pinned to its producer: RouteTests.No_model_is_…)
        ModelRoutingGens.Routed
            .Where((c, q, _, _) => Candidate(c, q, q.AffinityProvider) is null && q.Model.Length > 0)
            .Sample((config, query, health, ticket) =>
            {
                var expected = Route(config, query with { AffinityProvider = null }, health, ticket);

                var actual = Route(config, query, health, ticket);

                return actual.Order.SequenceEqual(expected.Order) && actual.Choice == expected.Choice;
            });

    [Fact]
    public void Route_sticky_healthy_lowest_tier_provider_comes_first_for_every_ticket() =>
        ModelRoutingGens.Routed
            .Where((c, q, _, _) => c.Routing.Sticky == StickyMode.Key && Candidate(c, q, q.AffinityProvider) is null
                && q.Endpoint != EndpointKind.Passthrough)
            .Sample((config, query, health, ticket) =>
            {
                var candidates = RouteCandidates.Of(config.Providers, query.Model, query.Endpoint);
                var sticky = Candidate(config, query, query.StickyProvider);
                var applies = sticky is not null && sticky.Priority == candidates[0].Priority
                    && !PassiveHealth.IsCooling(health, sticky.Name, Now);

                var actual = Route(config, query, health, ticket);

                return !applies || (actual.Order[0] == sticky && actual.Choice == RouteChoice.Sticky);
            });

    [Fact]
    public void Route_sticky_that_does_not_apply_leaves_the_draw_unchanged() =>
        ModelRoutingGens.Routed.Sample((config, query, health, ticket) =>
        {
            var candidates = RouteCandidates.Of(config.Providers, query.Model, query.Endpoint);
            var sticky = Candidate(config, query, query.StickyProvider);
            var applies = config.Routing.Sticky == StickyMode.Key && sticky is not null
                && sticky.Priority == candidates[0].Priority && !PassiveHealth.IsCooling(health, sticky.Name, Now);
            var withoutHint = Route(config, query with { StickyProvider = null }, health, ticket);

            var actual = Route(config, query, health, ticket);

            return applies || (actual.Order.SequenceEqual(withoutHint.Order) && actual.Choice == withoutHint.Choice);
        });

    [Fact]
    public void Route_sticky_tries_the_same_upstreams_as_the_draw() =>
        ModelRoutingGens.Routed.Where((c, q, _, _) => c.Failover.Enabled && q.Endpoint != EndpointKind.Passthrough)
            .Sample((config, query, health, ticket) =>
            {
                var withoutHint = Route(config, query with { StickyProvider = null }, health, ticket);

                var actual = Route(config, query, health, ticket);

                return actual.Order.Length == withoutHint.Order.Length
                    && actual.Order.All(p => withoutHint.Order.Any(p.IsSameUpstreamAs));
            });

    // A follow-up must reach the provider that knows its previous response, whatever the draw or
    // the sticky table say, and never another one behind it.
    [Fact]
    public void Route_affinity_overrides_sticky_and_every_draw() =>
        // Both hints name candidates, picked from the candidate list (a filter on the generator
        // would find too few such cases).
        ModelRoutingGens.Routed
            .Where((c, q, _, _) => RouteCandidates.Of(c.Providers, q.Model, q.Endpoint).Length > 0)
            .SelectMany((c, q, h, t) =>
            {
                var names = RouteCandidates.Of(c.Providers, q.Model, q.Endpoint)
                    .Select(p => p.Name).ToArray();
                return Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, names.Length - 1], (affinity, sticky) =>
                    (c, q with { AffinityProvider = names[affinity], StickyProvider = names[sticky] }, h, t));
            })
            .Sample((config, query, health, _) =>
            {
                var pinned = Candidate(config, query, query.AffinityProvider)!;
                var candidates = RouteCandidates.Of(config.Providers, query.Model, query.Endpoint);

                var actual = Enumerable.Range(0, TierDraw.Weight(candidates) + 1)
                    .Select(ticket => Route(config, query, health, ticket));

                return actual.All(d => d.Order.SequenceEqual([pinned]) && d.Choice == RouteChoice.Affinity);
            });
}
