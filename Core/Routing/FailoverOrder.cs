using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class FailoverOrder
{
    /// `first`, then the other enabled providers in config order, each distinct upstream once
    /// (providers that are IsSameUpstreamAs an earlier one are left out).
    public static ImmutableArray<ProviderConfig> Of(
        ImmutableArray<ProviderConfig> providers, ProviderConfig first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var order = ImmutableArray.CreateBuilder<ProviderConfig>(providers.Length + 1);
        order.Add(first);
        foreach (var provider in providers)
        {
            // Retrying an identical upstream would repeat the same failure and double the wait.
            if (provider.Enabled && !order.Any(provider.IsSameUpstreamAs))
            {
                order.Add(provider);
            }
        }
        return order.ToImmutable();
    }
}
