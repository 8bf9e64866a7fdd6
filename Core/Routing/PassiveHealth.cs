using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Exchanges;
using Menshen.Core.Usage;

namespace Menshen.Core.Routing;

public static class PassiveHealth
{
    /// One more failure; the `unhealthyAfter`-th in a row parks the provider until now + cooldown.
    /// Each further failure while the count stays at the limit parks it again (a failed retry after
    /// the cool-down sends it straight back). `unhealthyAfter` ≤ 0 never parks.
    public static HealthState RecordFailure(
        HealthState state, string provider, DateTimeOffset now, FailoverConfig policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.UnhealthyAfter <= 0)
        {
            return state;
        }
        var previous = state.ByProvider.GetValueOrDefault(provider);
        // Capped at the limit: past it only "parked again" matters, and the count cannot overflow.
        var failures = Math.Min((previous?.ConsecutiveFailures ?? 0) + 1, policy.UnhealthyAfter);
        var parked = failures >= policy.UnhealthyAfter;
        var health = new ProviderHealth(failures, parked ? now + policy.Cooldown : null);
        return state with { ByProvider = state.ByProvider.SetItem(provider, health) };
    }

    /// A success clears the provider's record.
    public static HealthState RecordSuccess(HealthState state, string provider)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ByProvider.ContainsKey(provider)
            ? state with { ByProvider = state.ByProvider.Remove(provider) }
            : state;
    }

    /// The health after one attempt: a failure counts when the attempt moved on, a final answer
    /// clears the record; an attempt the client abandoned says nothing about the provider (a
    /// trial it was keeps the provider at the back until the trial's timeout: which request
    /// holds the trial is not kept, so no verdict-less attempt may end it).
    public static HealthState AfterAttempt(
        HealthState state, string provider, AttemptOutcome outcome, bool clientLeft,
        DateTimeOffset now, FailoverConfig policy)
    {
        if (clientLeft) return state;
        return outcome == AttemptOutcome.TryNext
            ? RecordFailure(state, provider, now, policy)
            : RecordSuccess(state, provider);
    }

    /// The health once an answer chosen for the client was relayed (its attempt is recorded
    /// here, not by <see cref="AfterAttempt"/>): a body the upstream cut or let stall is the
    /// provider failing, and so is a 2xx answer that turned into an error whose status
    /// (StreamErrorStatus) would have moved on (helper-61: a provider that broke every stream
    /// was cleared by each stream's 200 and stayed first for good). An error of the request's
    /// own (`invalid_request_error`, a 400) clears it, as the 400 would have (helper-63). A
    /// relay the client left or the gateway's stop cut says nothing about the provider.
    public static HealthState AfterAnswer(
        HealthState state, string provider, RelayResult relay, DateTimeOffset now,
        FailoverConfig policy)
    {
        ArgumentNullException.ThrowIfNull(relay);
        return relay.End switch
        {
            RelayEnd.UpstreamFailed or RelayEnd.UpstreamTimedOut =>
                RecordFailure(state, provider, now, policy),
            RelayEnd.GatewayStopped or RelayEnd.ClientClosed => state,
            _ when relay.Usage.StreamError is { } error && relay.Status is >= 200 and < 300
                && RetryClassification.Classify(
                    StreamErrorStatus.Of(StreamErrorText.TypeOf(error)), AttemptFailure.None,
                    policy) == AttemptOutcome.TryNext =>
                RecordFailure(state, provider, now, policy),
            _ => RecordSuccess(state, provider),
        };
    }

    /// The health after a reload from `before` to `after`: a provider's record is kept while a
    /// provider of that name is still the same upstream (IsSameUpstreamAs); a new key, URL,
    /// forced model or proxy, or a provider removed, starts afresh (helper-70: a key rotated to
    /// mend 401s stayed parked for the rest of its cool-down).
    public static HealthState AfterReload(HealthState state, ImmutableArray<ProviderConfig> before,
        ImmutableArray<ProviderConfig> after)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stale = state.ByProvider.Keys
            .Where(name => !(Named(before, name) is { } old && Named(after, name) is { } now
                && old.IsSameUpstreamAs(now)))
            .ToList();
        return stale.Count == 0
            ? state
            : state with { ByProvider = state.ByProvider.RemoveRange(stale) };
    }

    // A loop: a lambda would capture `name`, an allocation for every answer recorded.
    private static ProviderConfig? Named(ImmutableArray<ProviderConfig> providers, string name)
    {
        foreach (var provider in providers)
        {
            if (provider.Name == name) return provider;
        }
        return null;
    }

    /// Moves cooling providers to the back (keeping relative order); never removes one.
    public static ImmutableArray<ProviderConfig> Reorder(
        ImmutableArray<ProviderConfig> order, HealthState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ByProvider.IsEmpty || !AnyCooling(order, state, now))
        {
            return order;
        }
        // A parked provider is still tried, only last: if every other provider fails it gets its
        // chance, so parking never turns a request that would have succeeded into a failure.
        var ready = order.Where(p => !IsCooling(state, p.Name, now));
        var cooling = order.Where(p => IsCooling(state, p.Name, now));
        return [.. ready, .. cooling];
    }

    // The usual case, checked without the two filtered passes (and their delegates) below.
    private static bool AnyCooling(
        ImmutableArray<ProviderConfig> order, HealthState state, DateTimeOffset now)
    {
        foreach (var provider in order)
            if (IsCooling(state, provider.Name, now)) return true;
        return false;
    }

    /// True while the provider is parked at the back of the order: cooling down, or, after that,
    /// while another request's trial of it is under way.
    public static bool IsCooling(HealthState state, string provider, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ByProvider.TryGetValue(provider, out var health)
            && (health.CoolingUntil > now || health.TrialUntil > now);
    }

    /// True when `provider` is back from its cool-down and no request's trial of it is under
    /// way: the next request whose plan starts with it claims the trial (ClaimTrial).
    public static bool TrialDue(
        HealthState state, string provider, DateTimeOffset now, FailoverConfig policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Enabled && !state.ByProvider.IsEmpty
            && state.ByProvider.TryGetValue(provider, out var health)
            && health.CoolingUntil is { } until && until <= now && !(health.TrialUntil > now);
    }

    /// The health once a request whose plan starts with `provider` claims its trial, or null
    /// when there is none to claim. A provider whose cool-down is over is tried by one request;
    /// the others keep it at the back until that attempt's verdict (RecordFailure parks it again,
    /// RecordSuccess clears it) or until the upstream `timeout` has passed (no attempt waits
    /// longer for its verdict; with no timeout, one more cool-down). Without this every request
    /// drawn to a provider that hangs would wait the whole timeout after each cool-down
    /// (helper-70: 25 requests of 5 s each).
    public static HealthState? ClaimTrial(
        HealthState state, string provider, DateTimeOffset now, TimeSpan timeout,
        FailoverConfig policy, long by)
    {
        if (!TrialDue(state, provider, now, policy)) return null;
        var health = state.ByProvider[provider];
        return state with
        {
            ByProvider = state.ByProvider.SetItem(provider, health with
            {
                TrialUntil = now + (timeout > TimeSpan.Zero ? timeout : policy.Cooldown),
                TrialBy = by,
            }),
        };
    }

    /// The health once the request numbered `by` gives up its trial of `provider` without
    /// asking it (answered from the cache, refused): the next request may try it. A trial
    /// another request holds, or one already decided, is left as it is.
    public static HealthState DropTrial(HealthState state, string provider, long by)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ByProvider.TryGetValue(provider, out var health)
            && health.TrialUntil is not null && health.TrialBy == by
            ? state with
            {
                ByProvider = state.ByProvider.SetItem(provider, health with { TrialUntil = null }),
            }
            : state;
    }
}
