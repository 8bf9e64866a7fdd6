using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Laws of RoutingPlan.Route (SPEC §13) over generated configs with models, tiers, aliases and hints.
public class RouteTests
{
    private static readonly DateTimeOffset Now = RoutingGens.Epoch;

    private static RouteDecision Route(GatewayConfig c, RouteQuery q, HealthState h, int ticket) =>
        RoutingPlan.Route(c, q, h, Now, ticket);

    private static bool Serves(ProviderConfig p, RouteQuery q) =>
        p.Enabled && (EndpointDialect.Of(q.Endpoint) is not { } api || (p.Api == api && ModelGlob.Serves(p.Models, q.Model)));

    [Fact]
    public void Route_never_includes_a_provider_that_does_not_serve_the_model() =>
        // (A request without a model is pinned to its producer: No_model_is_the_clients_…)
        ModelRoutingGens.Routed
            .Where((_, q, _, _) => q.Endpoint != EndpointKind.Passthrough && q.Model.Length > 0)
            .Sample((config, query, health, ticket) => Route(config, query, health, ticket).Order.All(p => Serves(p, query)));

    [Fact]
    public void Route_tries_every_provider_at_most_once() =>
        ModelRoutingGens.Routed.Sample((config, query, health, ticket) =>
        {
            var actual = Route(config, query, health, ticket).Order;

            return actual.Distinct().Count() == actual.Length
                && actual.All(p => actual.Count(p.IsSameUpstreamAs) == 1);
        });

    [Fact]
    public void Route_includes_every_distinct_serving_upstream_when_failing_over() =>
        ModelRoutingGens.Routed
            .Where((c, q, _, _) => c.Failover.Enabled && q.Endpoint != EndpointKind.Passthrough && q.AffinityProvider is null)
            .Sample((config, query, health, ticket) =>
            {
                var actual = Route(config, query, health, ticket).Order;

                return config.Providers.Where(p => Serves(p, query)).All(p => actual.Any(p.IsSameUpstreamAs));
            });

    [Fact]
    public void Route_healthy_plan_goes_through_the_tiers_in_order() =>
        ModelRoutingGens.Routed.Sample((config, query, _, ticket) =>
        {
            var actual = Route(config, query, HealthState.Empty, ticket).Order;

            return actual.Zip(actual.Skip(1)).All(pair => pair.Item1.Priority <= pair.Item2.Priority);
        });

    [Fact]
    public void Route_first_pick_frequencies_equal_weights_in_the_lowest_tier() =>
        // (A passthrough request that may not be sent again is pinned: PassthroughRouteTests.)
        ModelRoutingGens.Config.SelectMany(c => Gen.Select(ModelRoutingGens.ModelName,
                Gen.Enum<EndpointKind>().Where(e => e != EndpointKind.Passthrough),
                (m, e) => (c, new RouteQuery(m, e))))
            .Sample((config, query) =>
            {
                var candidates = RouteCandidates.Of(config.Providers, query.Model, query.Endpoint);
                var tier = candidates.Where(p => !candidates.IsEmpty && p.Priority == candidates[0].Priority).ToList();
                var weight = tier.Sum(p => p.Weight);

                var counts = Enumerable.Range(0, weight)
                    .Select(t => Route(config, query, HealthState.Empty, t).Order[0])
                    .CountBy(p => p.Name)
                    .ToDictionary();

                return tier.All(p => counts.GetValueOrDefault(p.Name) == p.Weight) && counts.Count == tier.Count;
            });

    [Fact]
    public void Route_draw_depends_only_on_the_ticket_modulo_the_tier_weight() =>
        ModelRoutingGens.Routed.Sample((config, query, health, ticket) =>
        {
            var weight = TierDraw.Weight(RouteCandidates.Of(config.Providers, query.Model, query.Endpoint));

            return weight == 0
                || Route(config, query, health, ticket).Order.SequenceEqual(Route(config, query, health, ticket + weight).Order);
        });

    [Fact]
    public void Route_no_candidate_refuses_with_model_not_found_and_no_provider() =>
        // Without a model: No_model_is_the_clients_mistake_unless_a_follow_up_names_its_producer.
        ModelRoutingGens.Routed
            .Where((_, q, _, _) => q.Endpoint != EndpointKind.Passthrough && q.Model.Length > 0)
            .Sample((config, query, health, ticket) =>
            {
                var actual = Route(config, query, health, ticket);

                var served = config.Providers.Any(p => Serves(p, query));
                return served
                    ? actual.Refusal is null && !actual.Order.IsEmpty
                    : actual.Order.IsEmpty && actual.Refusal?.Kind == GatewayErrorKind.ModelNotFound
                        && actual.Refusal.Message.Contains($"'{query.Model}'", StringComparison.Ordinal)
                        && actual.Refusal.Message.Contains("GET /v1/models", StringComparison.Ordinal);
            });

    [Fact]
    public void Route_passthrough_is_one_provider_when_any_is_enabled() =>
        ModelRoutingGens.Routed.Sample((config, query, health, ticket) =>
        {
            var actual = Route(config, query with { Endpoint = EndpointKind.Passthrough }, health, ticket);

            return config.Providers.Any(p => p.Enabled)
                ? actual.Order.Length == 1
                : actual.Order.IsEmpty && actual.Refusal?.Kind == GatewayErrorKind.NoProvider;
        });

    [Fact]
    public void A_model_not_found_quotes_at_most_the_first_200_characters_of_the_model()
    {
        var model = "gpt-" + new string('x', 300_000);

        var message = RouteDecision.ModelNotFound(model).Refusal!.Message;

        Assert.Contains("'" + model[..200] + "…'", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, $"{message.Length} characters");
    }

    [Fact]
    public void A_model_not_found_names_the_clients_model_when_an_alias_changed_it()
    {
        var aliased = RouteDecision.ModelNotFound("claude-haiku-4-5", "claude-3-5-haiku").Refusal!;
        var plain = RouteDecision.ModelNotFound("gpt-5", "gpt-5").Refusal!;

        Assert.Contains("'claude-haiku-4-5' (what the alias 'claude-3-5-haiku' stands for)", aliased.Message,
            StringComparison.Ordinal);
        Assert.StartsWith("The model 'gpt-5' is not served", plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_model_is_the_clients_mistake_unless_a_follow_up_names_its_producer() =>
        ModelRoutingGens.Routed
            .Where((c, q, _, _) => q.Endpoint is EndpointKind.Responses or EndpointKind.Messages)
            .Sample((config, query, health, ticket) =>
            {
                var noModel = query with { Model = "" };
                var serving = RouteCandidates.Of(config.Providers, "", query.Endpoint);
                var producer = config.Providers.FirstOrDefault(p => p.Enabled
                    && p.Api == EndpointDialect.Of(query.Endpoint)
                    && p.Name == query.AffinityProvider);

                var actual = Route(config, noModel, health, ticket);

                return !serving.IsEmpty ? actual.Refusal is null
                    : producer is not null ? actual.Order.SequenceEqual([producer])
                    : actual.Refusal is { Kind: GatewayErrorKind.BadRequest, Param: "model" };
            });

    // A model is a name, not a payload: one of 60 KB would be stored in every audit row and in
    // the report sums. Refused (400, param model) whatever the config, before any routing.
    [Fact]
    public void A_model_longer_than_the_limit_is_refused_whatever_the_config() =>
        Gen.Select(ModelRoutingGens.Routed, Gen.Int[1, 3 * ModelName.MaxLength], Gen.Bool)
            .Where((r, _, _) => r.Query.Endpoint != EndpointKind.Passthrough)
            .Sample((routed, length, aliased) =>
            {
                var (config, query, health, ticket) = routed;
                var model = new string('m', length);
                var asked = aliased ? query with { Model = "gpt-4o", ClientModel = model }
                    : query with { Model = model, ClientModel = model };

                var actual = Route(config, asked, health, ticket);

                var tooLong = actual.Refusal is { Kind: GatewayErrorKind.BadRequest, Param: "model" }
                    && actual.Refusal.Message.Contains("characters", StringComparison.Ordinal);
                return tooLong == length > ModelName.MaxLength
                    && (!tooLong || actual.Order.IsEmpty);
            });

    // The ticket is a non-negative draw: a negative one is a broken contract, refused even when
    // affinity pins the plan and no draw is made.
    [Fact]
    public void A_negative_ticket_is_refused_by_the_route_and_by_the_draw()
    {
        ImmutableArray<ProviderConfig> providers =
            [RoutingGens.Provider("a"), RoutingGens.Provider("b", 2)];
        var config = RoutingGens.Config(providers,
            new FailoverConfig(true, RoutingGens.DefaultOnStatus, 3, TimeSpan.FromSeconds(30)));
        var pinned = new RouteQuery("gpt-4o", EndpointKind.ChatCompletions, AffinityProvider: "b");

        Assert.Throws<ArgumentOutOfRangeException>(() => TierDraw.Pick(providers, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RoutingPlan.Route(config, pinned, HealthState.Empty, RoutingGens.Epoch, -1));
    }
}
