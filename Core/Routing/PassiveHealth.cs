using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class PassiveHealth
{
    /// One more failure; the `unhealthyAfter`-th in a row parks the provider until now + cooldown.
    public static HealthState RecordFailure(
        HealthState state, string provider, DateTimeOffset now, FailoverConfig policy) =>
        throw new NotImplementedException();

    /// A success clears the provider's record.
    public static HealthState RecordSuccess(HealthState state, string provider) =>
        throw new NotImplementedException();

    /// Moves cooling providers to the back (keeping relative order); never removes one.
    public static ImmutableArray<ProviderConfig> Reorder(
        ImmutableArray<ProviderConfig> order, HealthState state, DateTimeOffset now) =>
        throw new NotImplementedException();
}
