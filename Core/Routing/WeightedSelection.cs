using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class WeightedSelection
{
    /// Sum of the weights of enabled providers.
    public static int TotalWeight(ImmutableArray<ProviderConfig> providers) =>
        throw new NotImplementedException();

    /// Picks an enabled provider by weight. `ticket` must lie in [0, TotalWeight).
    public static ProviderConfig Pick(ImmutableArray<ProviderConfig> providers, int ticket) =>
        throw new NotImplementedException();
}
