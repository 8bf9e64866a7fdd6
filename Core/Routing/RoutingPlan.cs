using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RoutingPlan
{
    /// The providers to try, in order: weighted first pick (by `ticket` in [0, TotalWeight)),
    /// the rest in config order, cooling providers moved to the back. Without failover only the
    /// first pick. Passthrough endpoints get only the first provider of that order.
    public static ImmutableArray<ProviderConfig> Plan(
        GatewayConfig config, EndpointKind kind, int ticket, HealthState health, DateTimeOffset now) =>
        throw new NotImplementedException();
}
