using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// A config without §13 keys routes exactly as before: Route gives Plan's order for every model.
public class RouteCompatibilityTests
{
    private static readonly EndpointKind[] OpenAiEndpoints =
        [EndpointKind.Passthrough, EndpointKind.ChatCompletions, EndpointKind.Completions,
         EndpointKind.Responses, EndpointKind.Embeddings];

    private static readonly Gen<(GatewayConfig Config, int Ticket, HealthState Health)> Plain =
        RoutingGens.ProvidersAndTicket.SelectMany(x => Gen.Select(RoutingGens.Failover, RoutingGens.Health(x.Providers),
            (f, h) => (RoutingGens.Config(x.Providers, f), x.Ticket, h)));

    [Fact]
    public void Route_without_section13_keys_is_todays_plan() =>
        Gen.Select(Plain, ModelRoutingGens.ModelName, Gen.OneOf(OpenAiEndpoints), Gen.Int[0, 2].Select(i => i == 0 ? null : $"p{i - 1}"))
            .Sample((plain, model, endpoint, sticky) =>
            {
                var (config, ticket, health) = plain;
                var expected = RoutingPlan.Plan(config, endpoint, ticket, health, RoutingGens.Epoch);

                var actual = RoutingPlan.Route(config, new RouteQuery(model, endpoint, null, sticky), health, RoutingGens.Epoch, ticket);

                return actual.Order.SequenceEqual(expected) && actual.Refusal is null && actual.Choice == RouteChoice.Draw;
            });

    [Fact]
    public void Route_without_section13_keys_never_refuses_a_model() =>
        Gen.Select(Plain, ModelRoutingGens.ModelName, Gen.OneOf(OpenAiEndpoints))
            .Sample((plain, model, endpoint) =>
                RoutingPlan.Route(plain.Config, new RouteQuery(model, endpoint), plain.Health, RoutingGens.Epoch, plain.Ticket)
                    .Refusal is null);

    [Fact]
    public void Validate_config_without_section13_keys_has_default_routing() =>
        ConfigGens.ValidRaw.Sample(raw =>
        {
            var actual = ValidationResults.Value(ConfigValidation.Validate(raw, ConfigGens.Env));

            return actual.Routing.Aliases.IsEmpty
                && actual.Routing.Sticky == StickyMode.None
                && actual.Routing.StickyTtl == RoutingConfig.Default.StickyTtl
                && actual.Providers.All(p => p.Models.IsEmpty && p.Priority == 1 && p.Api == ProviderApi.OpenAi)
                && !ModelCatalog.IsLocal(actual);
        });
}
