using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RoutingPlan
{
    /// The upper bound of the random ticket <see cref="Plan"/> takes: the total weight (0 when no
    /// provider is enabled; the Shell's draw of [0, 0) is then 0).
    public static int TicketRange(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return WeightedSelection.TotalWeight(config.Providers);
    }

    /// The providers to try, in order: weighted first pick (by `ticket` in [0, TotalWeight)),
    /// the rest in config order, cooling providers moved to the back. Without failover only the
    /// first pick. Passthrough endpoints get only the first provider of that order.
    /// Empty when no provider is enabled (the Shell answers 503).
    public static ImmutableArray<ProviderConfig> Plan(
        GatewayConfig config, EndpointKind kind, int ticket, HealthState health, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (WeightedSelection.TotalWeight(config.Providers) == 0)
        {
            return [];
        }
        var first = WeightedSelection.Pick(config.Providers, ticket);
        if (!config.Failover.Enabled)
        {
            // One attempt only: moving a parked provider forward would swap the weighted draw for
            // another provider without any retry behind it, so the draw stands as it is.
            return [first];
        }
        var order = PassiveHealth.Reorder(FailoverOrder.Of(config.Providers, first), health, now);
        return kind == EndpointKind.Passthrough ? [order[0]] : order;
    }
}
