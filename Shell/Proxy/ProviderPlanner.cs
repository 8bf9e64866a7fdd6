using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Proxy;

/// Gathers what the routing plan needs (a ticket, the health, the time) and asks Core for it.
public sealed class ProviderPlanner(GatewayRuntime runtime, ProxyInputs inputs)
{
    public ImmutableArray<ProviderConfig> Plan(GatewayConfig config, EndpointKind kind)
    {
        var ticket = inputs.DrawTicket(RoutingPlan.TicketRange(config));
        return RoutingPlan.Plan(config, kind, ticket, runtime.Health, inputs.Clock.GetUtcNow());
    }

    /// Records what one attempt says about its provider's health (Core's rule).
    public void Record(ProviderConfig provider, AttemptOutcome outcome, bool clientLeft,
        FailoverConfig policy) =>
        runtime.UpdateHealth(h => PassiveHealth.AfterAttempt(
            h, provider.Name, outcome, clientLeft, inputs.Clock.GetUtcNow(), policy));
}
