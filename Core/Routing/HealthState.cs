using System.Collections.Immutable;

namespace Menshen.Core.Routing;

/// Passive health of every provider, by provider name. Immutable; the Shell swaps it atomically.
public sealed record HealthState(ImmutableDictionary<string, ProviderHealth> ByProvider)
{
    public static HealthState Empty { get; } = new(ImmutableDictionary<string,
        ProviderHealth>.Empty);
}

/// Consecutive failures, and until when the provider is parked at the back of the order.
public sealed record ProviderHealth(int ConsecutiveFailures, DateTimeOffset? CoolingUntil)
{
    /// Once the cool-down is over: until when one request's trial of the provider keeps it at
    /// the back for the others (PassiveHealth.ClaimTrial). Null when no trial is under way.
    public DateTimeOffset? TrialUntil { get; init; }

    /// The number of the request that holds the trial (PassiveHealth.DropTrial).
    public long TrialBy { get; init; }
}
