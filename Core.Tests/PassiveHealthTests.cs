using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Usage;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class PassiveHealthTests
{
    private static readonly Gen<(ImmutableArray<ProviderConfig> Order, HealthState Health, int Seconds)> Reordering =
        RoutingGens.ActiveProviders.SelectMany(ps =>
            Gen.Select(RoutingGens.Health(ps), Gen.Int[-90, 90], (h, s) => (ps, h, s)));

    // Providers, one of them to fail, and an enabled policy.
    private static readonly Gen<(ImmutableArray<ProviderConfig> Order, int Target, FailoverConfig Policy)> Failing =
        RoutingGens.ActiveProviders.SelectMany(ps =>
            Gen.Select(Gen.Int[0, ps.Length - 1], RoutingGens.Failover, (i, f) => (ps, i, f)));

    [Fact]
    public void Reorder_is_a_permutation() =>
        Reordering.Sample((order, health, seconds) =>
        {
            var actual = PassiveHealth.Reorder(order, health, RoutingGens.Epoch.AddSeconds(seconds));

            return actual.Length == order.Length
                && actual.OrderBy(p => p.Name).SequenceEqual(order.OrderBy(p => p.Name));
        });

    [Fact]
    public void Reorder_puts_ready_providers_first_then_cooling_ones_each_in_order() =>
        Reordering.Sample((order, health, seconds) =>
        {
            var now = RoutingGens.Epoch.AddSeconds(seconds);
            bool Cooling(ProviderConfig p) => health.ByProvider[p.Name].CoolingUntil > now;

            var actual = PassiveHealth.Reorder(order, health, now);

            return actual.SequenceEqual(order.Where(p => !Cooling(p)).Concat(order.Where(Cooling)));
        });

    [Fact]
    public void RecordFailure_fewer_than_unhealthy_after_keeps_the_order() =>
        Failing.Sample((order, target, policy) =>
        {
            var health = Fail(HealthState.Empty, order[target].Name, policy.UnhealthyAfter - 1, policy);

            return PassiveHealth.Reorder(order, health, RoutingGens.Epoch).SequenceEqual(order);
        });

    [Fact]
    public void RecordFailure_unhealthy_after_in_a_row_parks_at_the_back_until_cooldown_ends() =>
        Failing.Sample((order, target, policy) =>
        {
            var health = Fail(HealthState.Empty, order[target].Name, policy.UnhealthyAfter, policy);
            var lastMoment = RoutingGens.Epoch + policy.Cooldown - TimeSpan.FromTicks(1);

            return new[] { RoutingGens.Epoch, lastMoment }
                .All(now => PassiveHealth.Reorder(order, health, now)[^1] == order[target]);
        });

    [Fact]
    public void RecordFailure_after_cooldown_the_provider_is_back_in_place() =>
        Failing.Sample((order, target, policy) =>
        {
            var health = Fail(HealthState.Empty, order[target].Name, policy.UnhealthyAfter, policy);

            var actual = PassiveHealth.Reorder(order, health, RoutingGens.Epoch + policy.Cooldown);

            return actual.SequenceEqual(order);
        });

    [Fact]
    public void RecordSuccess_resets_the_failure_count() =>
        Failing.Sample((order, target, policy) =>
        {
            var name = order[target].Name;
            var failed = Fail(HealthState.Empty, name, policy.UnhealthyAfter, policy);
            var recovered = PassiveHealth.RecordSuccess(failed, name);

            var actual = Fail(recovered, name, policy.UnhealthyAfter - 1, policy);

            return PassiveHealth.Reorder(order, actual, RoutingGens.Epoch).SequenceEqual(order)
                && !recovered.ByProvider.ContainsKey(name);
        });

    [Fact]
    public void RecordFailure_one_failure_after_cooldown_parks_again()
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 2, TimeSpan.FromSeconds(30));
        var a = RoutingGens.Provider("a");
        var b = RoutingGens.Provider("b");
        var parked = Fail(HealthState.Empty, "a", 2, policy);
        var later = RoutingGens.Epoch.AddSeconds(31);

        var failedAgain = PassiveHealth.RecordFailure(parked, "a", later, policy);

        var actual = PassiveHealth.Reorder([a, b], failedAgain, later);

        Assert.Equal(new[] { b, a }, actual);
    }

    [Fact]
    public void RecordFailure_unhealthy_after_zero_never_parks()
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 0, TimeSpan.FromSeconds(30));

        var actual = Fail(HealthState.Empty, "a", 5, policy);

        Assert.Same(HealthState.Empty, actual);
    }

    private static RelayResult Relayed(RelayEnd end, int status = 200, string? streamError = null) =>
        new(status, "text/event-stream", new CapturedBody(ReadOnlyMemory<byte>.Empty, 0), 0, end,
            new UsageReading(null, UsageSource.None, false, StreamError: streamError), 1);

    // How an answer the client got can end: the provider's failure under a policy, its success
    // (false), or nothing said (null: the client left).
    private static readonly Gen<(RelayResult Relay, Func<FailoverConfig, bool?> Fault)> Ending =
        Gen.OneOf(
            Gen.Const((Relayed(RelayEnd.UpstreamFailed), (Func<FailoverConfig, bool?>)(_ => true))),
            Gen.Const((Relayed(RelayEnd.UpstreamTimedOut), (Func<FailoverConfig, bool?>)(_ => true))),
            Gen.Const((Relayed(RelayEnd.Completed, 200,
                "upstream error event mid-stream: overloaded_error: Overloaded"),
                (Func<FailoverConfig, bool?>)(p => p.Enabled && p.FailsOverOn(529)))),
            Gen.Const((Relayed(RelayEnd.Completed, 200,
                "upstream error event mid-stream: invalid_request_error: too long"),
                (Func<FailoverConfig, bool?>)(p => p.Enabled && p.FailsOverOn(400)))),
            Gen.Const((Relayed(RelayEnd.Completed), (Func<FailoverConfig, bool?>)(_ => false))),
            Gen.Const((Relayed(RelayEnd.ClientClosed), (Func<FailoverConfig, bool?>)(_ => null))),
            Gen.Const((Relayed(RelayEnd.Completed, 400, "an error body's note"),
                (Func<FailoverConfig, bool?>)(_ => false))));

    [Fact]
    public void AfterAnswer_broken_answers_in_a_row_park_the_provider_like_failed_attempts() =>
        Gen.Select(Failing, Ending.Array[1, 8]).Sample((failing, endings) =>
        {
            var (order, target, policy) = failing;
            var name = order[target].Name;
            var health = endings.Aggregate(HealthState.Empty, (h, e) =>
                PassiveHealth.AfterAnswer(h, name, e.Relay, RoutingGens.Epoch, policy));
            // A client that left says nothing: it neither breaks a run nor adds to it.
            var brokenRun = endings.Select(e => e.Fault(policy)).Where(f => f is not null)
                .Reverse().TakeWhile(f => f == true).Count();

            var parked = PassiveHealth.Reorder(order, health, RoutingGens.Epoch)[^1] == order[target]
                && PassiveHealth.IsCooling(health, name, RoutingGens.Epoch);

            return parked == (brokenRun >= policy.UnhealthyAfter && policy.UnhealthyAfter > 0);
        });

    [Fact]
    public void AfterAnswer_a_relay_the_gateway_s_stop_cut_leaves_the_health_as_it_was() =>
        Failing.Sample((order, target, policy) =>
        {
            var failed = Fail(HealthState.Empty, order[target].Name, 1, policy);

            return ReferenceEquals(failed, PassiveHealth.AfterAnswer(failed, order[target].Name,
                Relayed(RelayEnd.GatewayStopped), RoutingGens.Epoch, policy));
        });

    private static HealthState Fail(HealthState state, string provider, int times, FailoverConfig policy) =>
        Enumerable.Range(0, times).Aggregate(state,
            (s, _) => PassiveHealth.RecordFailure(s, provider, RoutingGens.Epoch, policy));
}
