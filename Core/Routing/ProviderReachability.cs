using System.Collections.Immutable;
using System.Globalization;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

/// Enabled providers that no model request can ever reach, where the config makes that certain.
public static class ProviderReachability
{
    /// One `key: why` line per unreachable enabled provider, in config order. Only certain cases:
    /// every listed model is renamed by an alias (or a catch-all alias renames everything) and no
    /// alias target is served; or, with failover off, a lower priority number serves every model.
    public static ImmutableArray<string> Problems(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < config.Providers.Length; i++)
        {
            var provider = config.Providers[i];
            if (!provider.Enabled)
            {
                continue;
            }

            if (AliasedAway(provider, config.Routing.Aliases))
            {
                problems.Add(
                    $"providers[{Show(i)}].models: no model request can reach this provider: "
                    + "[aliases] renames every model it lists, and no alias targets one of them");
            }
            else if (!config.Failover.Enabled && ShadowedBy(config.Providers, provider) is { } by)
            {
                problems.Add(
                    $"providers[{Show(i)}].priority: no model request can reach this provider: "
                    + "with failover off only the first choice is tried, and "
                    + $"providers[{Show(by)}] serves every model at a lower priority number");
            }
        }

        return problems.ToImmutable();
    }

    private static bool AliasedAway(ProviderConfig provider, ImmutableArray<ModelAlias> aliases)
    {
        if (provider.Models.IsEmpty
            || aliases.Any(a => ModelGlob.Serves(provider.Models, a.Target)))
        {
            return false;
        }

        // A pattern like `gpt-*` still admits names no alias catches, unless an alias catches all.
        var catchAll = aliases.Any(a => a.Name.All(c => c == '*'));
        return catchAll || provider.Models.All(m =>
            !ModelGlob.IsPattern(m) && AliasResolution.Resolve(aliases, m) != m);
    }

    private static int? ShadowedBy(ImmutableArray<ProviderConfig> providers, ProviderConfig target)
    {
        for (var j = 0; j < providers.Length; j++)
        {
            var p = providers[j];
            if (p.Enabled && p.Models.IsEmpty && p.Api == target.Api
                && p.Priority < target.Priority)
            {
                return j;
            }
        }

        return null;
    }

    private static string Show(int index) => index.ToString(CultureInfo.InvariantCulture);
}
