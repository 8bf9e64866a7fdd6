using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class WeightedSelection
{
    /// Sum of the weights of enabled providers.
    public static int TotalWeight(ImmutableArray<ProviderConfig> providers)
    {
        var total = 0;
        foreach (var provider in providers)
        {
            total += provider.Enabled ? provider.Weight : 0;
        }
        return total;
    }

    /// Picks an enabled provider by weight. `ticket` must lie in [0, TotalWeight).
    public static ProviderConfig Pick(ImmutableArray<ProviderConfig> providers, int ticket)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticket);
        var remaining = ticket;
        foreach (var provider in providers)
        {
            if (!provider.Enabled)
            {
                continue;
            }
            if (remaining < provider.Weight)
            {
                return provider;
            }
            remaining -= provider.Weight;
        }
        // The caller drew the ticket outside [0, TotalWeight): a broken contract, not a state.
        throw new ArgumentOutOfRangeException(nameof(ticket), ticket, "must be below TotalWeight");
    }
}
