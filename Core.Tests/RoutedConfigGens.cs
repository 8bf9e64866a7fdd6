using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// Valid configs that use the routing keys (SPEC §13): models, priority, api, aliases, [routing].
public static class RoutedConfigGens
{
    private static readonly Gen<ImmutableArray<string?>?> Models = Gen.Frequency(
        (1, Gen.Int[0, 0].Select(_ => (ImmutableArray<string?>?)null)),
        (3, Gen.OneOf("gpt-*", "o3", "o?-mini", "deepseek-chat", "llama*").Array[1, 3]
            .Select(m => (ImmutableArray<string?>?)m.Select(x => (string?)x).ToImmutableArray())));

    /// A valid config with routing keys on every provider and aliases whose targets provider 0 serves.
    public static readonly Gen<RawConfig> ValidRaw = Gen.Select(
        ConfigGens.ValidRaw, Models.Array[4], Gen.Long[1, 3].Array[4], Gen.Bool.Array[4],
        Gen.OneOf("fast", "claude-*", "mini?", "*"), Gen.Bool, Gen.Long[1, 86_400],
        (raw, models, priorities, anthropic, alias, sticky, ttl) => raw with
        {
            Providers = [.. raw.Providers.Select((p, i) => p with
            {
                Models = models[i], Priority = priorities[i], Api = anthropic[i] ? "anthropic" : "openai",
            })],
            Routing = new RawRouting(
                [new RawAlias(alias, models[0] is { } served ? Target(served[0]!) : "gpt-4o")],
                sticky ? "key" : "none", ttl),
        });

    // A name the pattern matches: each `*` and `?` replaced by one letter.
    private static string Target(string pattern) => pattern.Replace('*', 'x').Replace('?', 'x');
}
