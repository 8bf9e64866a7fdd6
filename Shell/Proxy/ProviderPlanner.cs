using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Proxy;

/// Gathers what the routing plan needs (a ticket, the health, the time, the sticky and affinity
/// hints) and asks Core for it.
public sealed class ProviderPlanner(
    GatewayRuntime runtime, ProxyInputs inputs, StickyRoutes sticky, ResponseOrigins origins)
{
    // Numbers the trials requests claim (PassiveHealth.ClaimTrial).
    private long _trials;

    /// Affinity's memory: the relay tells it each answer's response id.
    public ResponseOrigins Origins => origins;

    /// The plan of a passed-through request: one provider of its dialect, or the producer of the
    /// response its path names (`responses/{id}`, affinity) when that is known.
    public async ValueTask<ImmutableArray<ProviderConfig>> PassthroughAsync(
        GatewayConfig config, ProviderApi dialect, string? responseId, bool resendable,
        CancellationToken cancellationToken)
    {
        var query = new RouteQuery("", EndpointKind.Passthrough, PassthroughApi: dialect,
            Resendable: resendable);
        var origin = responseId is null ? null
            : await OriginAsync(config, query, responseId, cancellationToken);
        return Route(config, query with { AffinityProvider = origin?.Provider }, null).Order;
    }

    /// The plan for `query` with the provider that produced `previousResponseId` (affinity; null
    /// when unknown) and `clientKey`'s sticky provider; refused when that response was made
    /// for another key and the config keeps keys apart (ResponseOwnership).
    public async ValueTask<RouteDecision> RouteAsync(GatewayConfig config, RouteQuery query,
        string? clientKey, string? previousResponseId, CancellationToken cancellationToken)
    {
        if (previousResponseId is null) return Route(config, query, clientKey);
        var origin = await OriginAsync(config, query, previousResponseId, cancellationToken);
        if (ResponseOwnership.Refusal(config.Server.Passthrough, previousResponseId, origin,
            clientKey) is { } refusal)
            return new RouteDecision([], RouteChoice.None, refusal);
        return Route(config, query with { AffinityProvider = origin?.Provider }, clientKey);
    }

    // Memory first: whether a miss may wait for other instances (OriginMayMatter lists the
    // candidates) is asked only on a miss, not for every follow-up this instance answered.
    private async ValueTask<ResponseOrigin?> OriginAsync(GatewayConfig config, RouteQuery query,
        string responseId, CancellationToken cancellationToken) =>
        origins.Recall(responseId) ?? await origins.OriginOfAsync(responseId,
            ResponseAffinity.OriginMayMatter(config, query), cancellationToken);

    /// The plan by model (SPEC §13) for `query`; `clientKey` finds the sticky provider.
    public RouteDecision Route(GatewayConfig config, RouteQuery query, string? clientKey)
    {
        var now = inputs.Steady.GetUtcNow();
        var stuck = sticky.Lookup(config.Routing, clientKey ?? "", query.Model, now);
        // Any non-negative draw: Core takes it modulo the weight of the lowest tier.
        var ticket = inputs.DrawTicket(int.MaxValue);
        query = query with { StickyProvider = stuck };
        var trial = 0L;
        while (true)
        {
            var health = runtime.Health;
            var decision = RoutingPlan.Route(config, query, health, now, ticket);
            // A provider back from its cool-down is tried by this request alone; when another
            // request claimed it first, plan again with it at the back.
            if (decision.Order.IsDefaultOrEmpty || !PassiveHealth.TrialDue(
                    health, decision.Order[0].Name, now, config.Failover))
                return decision;
            if (trial == 0) trial = Interlocked.Increment(ref _trials);
            var claimed = PassiveHealth.ClaimTrial(health, decision.Order[0].Name, now,
                config.Upstream.Timeout, config.Failover, trial)!;
            if (runtime.TryReplaceHealth(health, claimed)) return decision with { Trial = trial };
        }
    }

    /// Gives back the trial `decision` claimed when no provider was asked after all (a cache
    /// hit, a refusal): the next request tries that provider instead.
    public void Unused(RouteDecision decision)
    {
        if (decision.Trial is not { } trial) return;
        runtime.UpdateHealth((Provider: decision.Order[0].Name, Trial: trial),
            static (h, a) => PassiveHealth.DropTrial(h, a.Provider, a.Trial));
    }

    /// Remembers the provider that served a client key's request for a model (sticky routing).
    public void Served(GatewayConfig config, string? clientKey, string model, string provider) =>
        sticky.Record(config.Routing, clientKey ?? "", model, provider, inputs.Steady.GetUtcNow());

    /// Records what one attempt says about its provider's health (Core's rule).
    public void Record(
        ProviderConfig provider, AttemptOutcome outcome, bool clientLeft, FailoverConfig policy) =>
        runtime.UpdateHealth(
            (Provider: provider.Name, Outcome: outcome, ClientLeft: clientLeft,
                Now: inputs.Steady.GetUtcNow(), Policy: policy),
            static (h, a) => PassiveHealth.AfterAttempt(
                h, a.Provider, a.Outcome, a.ClientLeft, a.Now, a.Policy));

    /// Records how the answer relayed from `provider` ended (Core's rule).
    public void RecordAnswer(ProviderConfig provider, RelayResult relay, FailoverConfig policy) =>
        runtime.UpdateHealth(
            (Provider: provider.Name, Relay: relay, Now: inputs.Steady.GetUtcNow(),
                Policy: policy),
            static (h, a) => PassiveHealth.AfterAnswer(h, a.Provider, a.Relay, a.Now, a.Policy));
}
