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
    /// first pick. Passthrough endpoints get one provider, the same every time (the draw of
    /// ticket 0, health ignored): see <see cref="Route"/>.
    /// Empty when no provider is enabled (the Shell answers 503).
    public static ImmutableArray<ProviderConfig> Plan(
        GatewayConfig config, EndpointKind kind, int ticket, HealthState health, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (WeightedSelection.TotalWeight(config.Providers) == 0)
        {
            return [];
        }
        if (kind == EndpointKind.Passthrough) return [WeightedSelection.Pick(config.Providers, 0)];
        var first = WeightedSelection.Pick(config.Providers, ticket);
        if (!config.Failover.Enabled)
        {
            // One attempt only: moving a parked provider forward would swap the weighted draw for
            // another provider without any retry behind it, so the draw stands as it is.
            return [first];
        }
        return PassiveHealth.Reorder(FailoverOrder.Of(config.Providers, first), health, now);
    }

    /// The routing plan by model (SPEC §13): candidates are enabled providers that serve
    /// `query.Model` in the endpoint's dialect. Affinity to a candidate pins the plan to it alone,
    /// healthy or not (no other provider can know the response id). Otherwise the first is the
    /// sticky provider while it is a healthy lowest-tier candidate and `[routing] sticky = "key"`,
    /// else a weighted draw by `ticket % weight of the lowest tier` (`ticket` any non-negative
    /// number). Then the rest as in `Plan`, lower priority numbers first. With no §13 keys and
    /// `ticket` in [0, TotalWeight) this is exactly `Plan`. No candidate: a refusal, never a guess.
    public static RouteDecision Route(
        GatewayConfig config, RouteQuery query, HealthState health, DateTimeOffset now, int ticket)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(ticket);
        if (ModelName.IsTooLong(query.ClientModel ?? query.Model))
            return RouteDecision.ModelTooLong;
        var candidates = RouteCandidates.Of(config.Providers, query.Model, query.Endpoint,
            query.PassthroughApi);
        if (candidates.IsEmpty)
        {
            if (query.Endpoint == EndpointKind.Passthrough) return RouteDecision.NoProvider;
            if (query.Model.Length > 0)
                return RouteDecision.ModelNotFound(query.Model, query.ClientModel);
            // No model: a `responses` follow-up may leave it to the response it continues.
            return Producer(config.Providers, query) is { } producer
                ? new RouteDecision([producer], RouteChoice.Affinity, null)
                : RouteDecision.ModelMissing;
        }

        if (Named(candidates, query.AffinityProvider) is { } pinned)
        {
            return new RouteDecision([pinned], RouteChoice.Affinity, null);
        }

        // A file, a batch, a vector store lives in one account: a passthrough request that may
        // not be sent again goes to the same provider every time, whatever the draw, the sticky
        // key or the health (helper-85: a weighted draw split one file's reads 3/7 between two
        // accounts, and about half of them would be 404s).
        if (query.Endpoint == EndpointKind.Passthrough && !query.Resendable)
            return new RouteDecision([TierDraw.Pick(candidates, 0)], RouteChoice.Draw, null);

        var sticky = config.Routing.Sticky == StickyMode.Key
            ? Named(candidates, query.StickyProvider)
            : null;
        var (first, choice) = sticky is not null && sticky.Priority == candidates[0].Priority
            && !PassiveHealth.IsCooling(health, sticky.Name, now)
                ? (sticky, RouteChoice.Sticky)
                : (TierDraw.Pick(candidates, ticket), RouteChoice.Draw);
        if (!config.Failover.Enabled)
        {
            return new RouteDecision([first], choice, null);
        }

        var order = PassiveHealth.Reorder(FailoverOrder.Of(candidates, first), health, now);
        return new RouteDecision(order, choice, null);
    }

    private static ProviderConfig? Producer(
        ImmutableArray<ProviderConfig> providers, RouteQuery query)
    {
        var api = EndpointDialect.Of(query.Endpoint);
        foreach (var provider in providers)
        {
            if (provider.Enabled && provider.Api == api && provider.Name == query.AffinityProvider)
                return provider;
        }
        return null;
    }

    private static ProviderConfig? Named(ImmutableArray<ProviderConfig> candidates, string? name)
    {
        if (name is null)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Name == name)
            {
                return candidate;
            }
        }

        return null;
    }
}
