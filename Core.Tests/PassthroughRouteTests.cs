using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Where a passed-through request may go (SPEC §14): a provider of its own dialect, or any when
/// none speaks it; and `responses/{id}` paths name the response whose producer must answer them.
public class PassthroughRouteTests
{
    [Fact]
    public void Passthrough_candidates_are_the_dialects_providers_or_else_every_enabled_one() =>
        Gen.Select(ModelRoutingGens.Providers, Gen.Enum<ProviderApi>()).Sample((providers, api) =>
        {
            var enabled = providers.Where(p => p.Enabled).ToList();
            var own = enabled.Where(p => p.Api == api).ToList();
            var expected = (own.Count > 0 ? own : enabled).OrderBy(p => p.Priority).ToList();

            var actual = RouteCandidates.Of(providers, "", EndpointKind.Passthrough, api);

            return actual.SequenceEqual(expected);
        });

    [Fact]
    public void A_passthrough_plan_is_pinned_to_the_producer_of_the_response_it_names() =>
        ModelRoutingGens.Config
            .SelectMany(c => Gen.Int[0, Math.Max(0, c.Providers.Length - 1)].Select(i => (c, i)))
            .Where(x => x.c.Providers.Length > 0 && x.c.Providers[x.i] is
                { Enabled: true, Api: ProviderApi.OpenAi })
            .Sample(x =>
            {
                var producer = x.c.Providers[x.i];
                var query = new RouteQuery("", EndpointKind.Passthrough, producer.Name,
                    PassthroughApi: ProviderApi.OpenAi);

                var actual = RoutingPlan.Route(x.c, query, HealthState.Empty,
                    RoutingGens.Epoch, 7).Order;

                return actual.Length == 1 && actual[0].Name == producer.Name;
            });

    // A request that can be sent again (a GET without a body) gets the failover order; the
    // others keep to its first provider, the one both plans start with.
    [Fact]
    public void Only_a_resendable_passthrough_plan_holds_more_than_its_first_provider() =>
        Gen.Select(ModelRoutingGens.Config, Gen.Int[0, 1000]).Sample((config, ticket) =>
        {
            var once = new RouteQuery("", EndpointKind.Passthrough,
                PassthroughApi: ProviderApi.OpenAi);

            var single = RoutingPlan.Route(config, once, HealthState.Empty, RoutingGens.Epoch,
                ticket).Order;
            var all = RoutingPlan.Route(config, once with { Resendable = true },
                HealthState.Empty, RoutingGens.Epoch, ticket).Order;

            var candidates = RouteCandidates.Of(config.Providers, "", EndpointKind.Passthrough,
                ProviderApi.OpenAi);
            if (single.IsEmpty) return all.IsEmpty;
            var upstreams = FailoverOrder.Of(candidates, all[0]);
            return single.Length == 1 && all.All(candidates.Contains)
                && all.Length == (config.Failover.Enabled ? upstreams.Length : 1);
        });

    /// helper-85: with two accounts of one provider, a weighted draw split one file's reads 3/7
    /// between them. A passthrough request that may not be sent again goes to one provider,
    /// the same whatever the ticket, the client's sticky provider or the providers' health.
    [Fact]
    public void A_passthrough_request_goes_to_the_same_provider_whatever_the_draw() =>
        Gen.Select(ModelRoutingGens.Routed, Gen.Int[0, 1000]).Sample((routed, otherTicket) =>
        {
            var (config, query, health, ticket) = routed;
            var once = query with
            {
                Endpoint = EndpointKind.Passthrough, Model = "", AffinityProvider = null,
                PassthroughApi = ProviderApi.OpenAi,
            };
            var one = RoutingPlan.Route(config, once, health, RoutingGens.Epoch, ticket).Order;
            var other = RoutingPlan.Route(config, once with { StickyProvider = null },
                HealthState.Empty, RoutingGens.Epoch, otherTicket).Order;
            return one.SequenceEqual(other) && one.Length <= 1;
        });

    [Theory]
    [InlineData("/responses/resp_1", "resp_1")]
    [InlineData("/responses/resp_1/input_items", "resp_1")]
    [InlineData("/responses/resp_1/cancel", "resp_1")]
    [InlineData("/responses", null)]
    [InlineData("/responses/", null)]
    [InlineData("/responsesx/resp_1", null)]
    [InlineData("/chat/completions/chatcmpl_1", null)]
    public void IdInPath_reads_the_response_a_path_names(string path, string? expected) =>
        Assert.Equal(expected, ResponseAffinity.IdInPath(path));

    [Theory]
    [InlineData(ProviderApi.OpenAi, true, true)]
    [InlineData(ProviderApi.Anthropic, true, false)]
    [InlineData(ProviderApi.Anthropic, false, true)]
    public void The_model_list_is_the_gateways_unless_an_anthropic_provider_can_give_its_own(
        ProviderApi requestApi, bool anthropicProvider, bool expected)
    {
        var providers = anthropicProvider
            ? [RoutingGens.Provider("o") with { Models = ["gpt-4o"] },
                RoutingGens.Provider("a") with { Api = ProviderApi.Anthropic }]
            : new[] { RoutingGens.Provider("o") with { Models = ["gpt-4o"] } };
        var config = RoutingGens.Config([.. providers], RoutingGens.Failover.Single());

        Assert.Equal(expected, ModelCatalog.Answers(config, "GET", "/models", requestApi));
        Assert.False(ModelCatalog.Answers(config, "POST", "/models", requestApi));
    }

    // helper-59: `GET /v1/models/` went to a provider while `GET /v1/models` was the gateway's
    // list: two answers for one resource.
    [Theory]
    [InlineData("/models/")]
    [InlineData("/models//")]
    [InlineData("/models/gpt-4o/")]
    public void The_model_list_is_the_gateways_with_a_trailing_slash_too(string path)
    {
        var config = RoutingGens.Config([RoutingGens.Provider("o") with { Models = ["gpt-4o"] }],
            RoutingGens.Failover.Single());

        Assert.True(ModelCatalog.Answers(config, "GET", path, ProviderApi.OpenAi));
    }
}
