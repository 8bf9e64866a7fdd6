using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Generators for routing by model (SPEC §13): few names and patterns, so that they collide often.
public static class ModelRoutingGens
{
    public static readonly Gen<string> ModelName = Gen.Frequency(
        (3, Gen.OneOf("gpt-4o", "gpt-4o-mini", "o3", "o4-mini", "deepseek-chat", "claude-haiku-4-5", "llama3", "")),
        (1, Gen.String[Gen.Char["ab-"], 0, 5]));

    public static readonly Gen<string> Pattern = Gen.Frequency(
        (3, Gen.OneOf("gpt-*", "gpt-4o", "o?", "o*-mini", "*", "deepseek-*", "claude-*", "llama*", "o3")),
        (1, Gen.String[Gen.Char["ab-*?"], 0, 5]));

    public static readonly Gen<ImmutableArray<string>> Models = Gen.Frequency(
        (1, Gen.Const(ImmutableArray<string>.Empty)),
        (3, Pattern.Array[1, 3].Select(p => p.ToImmutableArray())));

    public static readonly Gen<ImmutableArray<ModelAlias>> Aliases =
        Gen.Select(Gen.OneOf(ModelName, Pattern), ModelName.Where(m => !ModelGlob.IsPattern(m)),
                (name, target) => new ModelAlias(name, target))
            .Array[0, 4]
            .Select(a => a.ToImmutableArray());

    /// Providers as RoutingGens makes them, each with models, a priority 1..3 and mostly `openai`.
    public static readonly Gen<ImmutableArray<ProviderConfig>> Providers =
        RoutingGens.Providers.SelectMany(ps =>
            Gen.Select(Models, Gen.Int[1, 3], Gen.Frequency((4, Gen.Const(ProviderApi.OpenAi)), (1, Gen.Const(ProviderApi.Anthropic))))
                .Array[ps.Length]
                .Select(extra => ps.Select((p, i) =>
                    p with { Models = extra[i].Item1, Priority = extra[i].Item2, Api = extra[i].Item3 })
                    .ToImmutableArray()));

    /// A whole config: providers with §13 keys, failover on or off, sticky on or off.
    public static readonly Gen<GatewayConfig> Config =
        Gen.Select(Providers, RoutingGens.Failover, Gen.Enum<StickyMode>(), Aliases,
            (ps, failover, sticky, aliases) => RoutingGens.Config(ps, failover) with
            {
                Routing = RoutingConfig.Default with { Sticky = sticky, Aliases = aliases },
            });

    /// A provider name of the config, or one that is not there, or none.
    public static Gen<string?> Hint(GatewayConfig config) =>
        Gen.Frequency(
            (2, Gen.Int[0, 0].Select(_ => (string?)null)),
            (1, Gen.Int[0, 0].Select(_ => (string?)"gone")),
            (4, Gen.OneOf(config.Providers.Select(p => (string?)p.Name).ToArray())));

    /// Everything Route takes besides the config.
    public static Gen<(RouteQuery Query, HealthState Health, int Ticket)> Request(GatewayConfig config) =>
        Gen.Select(ModelName, Gen.Enum<EndpointKind>(), Hint(config), Hint(config),
            RoutingGens.Health(config.Providers), Gen.Int[0, 1000],
            (model, endpoint, affinity, sticky, health, ticket) =>
                (new RouteQuery(model, endpoint, affinity, sticky), health, ticket));

    public static readonly Gen<(GatewayConfig Config, RouteQuery Query, HealthState Health, int Ticket)> Routed =
        Config.SelectMany(c => Request(c).Select(r => (c, r.Query, r.Health, r.Ticket)));
}
