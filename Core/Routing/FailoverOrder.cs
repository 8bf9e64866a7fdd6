using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class FailoverOrder
{
    /// `first`, then the other enabled providers in config order, each distinct upstream once
    /// (providers that are IsSameUpstreamAs an earlier one are left out).
    public static ImmutableArray<ProviderConfig> Of(
        ImmutableArray<ProviderConfig> providers, ProviderConfig first) =>
        throw new NotImplementedException();
}
