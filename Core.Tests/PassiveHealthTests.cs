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

    [Fact]
    public void AfterReload_keeps_a_record_only_while_its_provider_is_the_same_upstream() =>
        RoutingGens.Providers.SelectMany(before => Gen.Select(RoutingGens.Health(before),
                RoutingGens.Providers, (health, after) => (before, health, after)))
            .Sample((before, health, after) =>
            {
                var actual = PassiveHealth.AfterReload(health, before, after);

                return before.All(old =>
                    actual.ByProvider.ContainsKey(old.Name) == after.Any(now =>
                        now.Name == old.Name && now.BaseUrl == old.BaseUrl
                        && now.ApiKey == old.ApiKey && now.Headers.SequenceEqual(old.Headers)
                        && now.Model == old.Model && now.Proxy?.AbsoluteUri == old.Proxy?.AbsoluteUri))
                    && actual.ByProvider.All(kept => health.ByProvider[kept.Key] == kept.Value);
            });

    [Fact]
    public void AfterReload_of_the_same_providers_is_the_same_health() =>
        RoutingGens.Providers.SelectMany(ps => RoutingGens.Health(ps).Select(h => (ps, h)))
            .Sample((providers, health) =>
                ReferenceEquals(health, PassiveHealth.AfterReload(health, providers, providers)));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void ClaimTrial_after_the_cool_down_one_request_tries_the_provider_until_the_timeout() =>
        Gen.Select(Failing, Gen.Int[0, 120]).Sample((failing, late) =>
        {
            var (order, target, drawn) = failing;
            var policy = drawn with { Enabled = true, UnhealthyAfter = Math.Max(1, drawn.UnhealthyAfter) };
            var name = order[target].Name;
            var parked = Fail(HealthState.Empty, name, policy.UnhealthyAfter, policy);
            var cooling = RoutingGens.Epoch + policy.Cooldown - TimeSpan.FromTicks(1);
            var now = RoutingGens.Epoch + policy.Cooldown + TimeSpan.FromSeconds(late);

            var claimed = PassiveHealth.ClaimTrial(parked, name, now, Timeout, policy, 1);

            return PassiveHealth.ClaimTrial(parked, name, cooling, Timeout, policy, 1) is null
                && claimed is not null
                && PassiveHealth.IsCooling(claimed, name, now + Timeout - TimeSpan.FromTicks(1))
                && PassiveHealth.ClaimTrial(claimed, name, now, Timeout, policy, 1) is null
                && PassiveHealth.Reorder(order, claimed, now)[^1] == order[target]
                && PassiveHealth.ClaimTrial(claimed, name, now + Timeout, Timeout, policy, 1) is not null;
        });

    [Fact]
    public void ClaimTrial_has_nothing_to_claim_for_a_provider_never_parked_or_without_failover() =>
        Failing.Sample((order, target, policy) =>
        {
            var name = order[target].Name;
            var later = RoutingGens.Epoch + policy.Cooldown;
            var parked = Fail(HealthState.Empty, name, policy.UnhealthyAfter, policy);

            return PassiveHealth.ClaimTrial(HealthState.Empty, name, later, Timeout, policy, 1) is null
                && PassiveHealth.ClaimTrial(
                    Fail(HealthState.Empty, name, policy.UnhealthyAfter - 1, policy), name, later,
                    Timeout, policy, 1) is null
                && PassiveHealth.ClaimTrial(parked, name, later, Timeout,
                    policy with { Enabled = false }, 1) is null;
        });

    // One step of the model below: 0 a request planned; 1 a verdict on the oldest unresolved
    // request that tried `a` (by Value: fails, succeeds, the client left); 2 seconds passing;
    // 3 one such request answered from the cache instead (it gives its trial back).
    private sealed record Step(int Kind, int Value);

    /// Model-based: `a` (parked) and `b`; requests planned the way ProviderPlanner plans them
    /// (reorder; when a trial is due, claim it under the request's number), verdicts, cache
    /// answers and time in any order. At any moment at most one unresolved request that found
    /// `a` unhealthy tries it within the timeout; once a trial is due the next request tries
    /// `a`; a success puts it back for every request.
    [Fact]
    public void ClaimTrial_model_one_trial_at_a_time_and_none_withheld() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 20], (k, v) => new Step(k, v)).Array[1, 40]
            .Sample(steps =>
            {
                var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 2,
                    TimeSpan.FromSeconds(10));
                ImmutableArray<ProviderConfig> order =
                    [RoutingGens.Provider("a"), RoutingGens.Provider("b")];
                var health = Fail(HealthState.Empty, "a", 2, policy);
                var now = RoutingGens.Epoch;
                var number = 0L;
                // Requests that tried `a` while it was parked (or back from it, not yet cleared):
                // when, and their numbers, oldest first.
                var trials = new List<(DateTimeOffset At, long By)>();
                foreach (var step in steps)
                {
                    if (step.Kind == 0)
                    {
                        var before = health;
                        var due = before.ByProvider.TryGetValue("a", out var h)
                            && h.CoolingUntil <= now && !(h.TrialUntil > now);
                        var first = PassiveHealth.Reorder(order, health, now)[0].Name;
                        if (PassiveHealth.TrialDue(health, first, now, policy) != (due && first == "a"))
                            return false;
                        health = PassiveHealth.ClaimTrial(health, first, now, Timeout, policy,
                            ++number) ?? health;
                        if (due && first != "a") return false;
                        if (first == "a" && before.ByProvider.TryGetValue("a", out var was)
                            && was.CoolingUntil is not null) trials.Add((now, number));
                    }
                    else if (step.Kind == 1 && trials.Count > 0)
                    {
                        trials.RemoveAt(0);
                        health = (step.Value % 3) switch
                        {
                            0 => PassiveHealth.AfterAttempt(health, "a", AttemptOutcome.TryNext,
                                false, now, policy),
                            1 => PassiveHealth.AfterAttempt(health, "a", AttemptOutcome.Final,
                                false, now, policy),
                            _ => PassiveHealth.AfterAttempt(health, "a", AttemptOutcome.TryNext,
                                true, now, policy),
                        };
                        if (step.Value % 3 == 1
                            && PassiveHealth.Reorder(order, health, now)[0].Name != "a")
                            return false;
                    }
                    else if (step.Kind == 3 && trials.Count > 0)
                    {
                        var answered = step.Value % trials.Count;
                        health = PassiveHealth.DropTrial(health, "a", trials[answered].By);
                        trials.RemoveAt(answered);
                    }
                    else
                    {
                        now += TimeSpan.FromSeconds(step.Value % 7);
                    }
                    if (trials.Count(t => t.At + Timeout > now) > 1) return false;
                }
                return true;
            });

    [Fact]
    public void AfterAttempt_an_attempt_that_moved_on_is_a_failure_and_a_final_one_clears_it()
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 2,
            TimeSpan.FromSeconds(30));
        var now = RoutingGens.Epoch;
        var once = PassiveHealth.AfterAttempt(HealthState.Empty, "a", AttemptOutcome.TryNext,
            false, now, policy);
        var twice = PassiveHealth.AfterAttempt(once, "a", AttemptOutcome.TryNext, false, now,
            policy);

        var cleared = PassiveHealth.AfterAttempt(twice, "a", AttemptOutcome.Final, false, now,
            policy);

        Assert.Equal(1, once.ByProvider["a"].ConsecutiveFailures);
        Assert.True(PassiveHealth.IsCooling(twice, "a", now));
        Assert.False(cleared.ByProvider.ContainsKey("a"));
    }

    // Only a 2xx answer can turn into an error mid-stream; a 3xx with a stream error is a
    // final answer like any other.
    [Theory]
    [InlineData(200, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(199, false)]
    public void AfterAnswer_an_error_inside_a_2xx_answer_counts_as_a_failure(int status, bool fails)
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 1,
            TimeSpan.FromSeconds(30));
        var relay = Relayed(RelayEnd.Completed, status,
            "upstream error event mid-stream: overloaded_error: Overloaded");

        var actual = PassiveHealth.AfterAnswer(HealthState.Empty, "a", relay, RoutingGens.Epoch,
            policy);

        Assert.Equal(fails, PassiveHealth.IsCooling(actual, "a", RoutingGens.Epoch));
    }

    // With no upstream timeout (0) a trial holds the provider back one more cool-down.
    [Fact]
    public void ClaimTrial_without_a_timeout_holds_the_trial_one_cool_down()
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 1,
            TimeSpan.FromSeconds(30));
        var parked = Fail(HealthState.Empty, "a", 1, policy);
        var now = RoutingGens.Epoch + policy.Cooldown;

        var claimed = PassiveHealth.ClaimTrial(parked, "a", now, TimeSpan.Zero, policy, 1)!;

        Assert.Equal(now + policy.Cooldown, claimed.ByProvider["a"].TrialUntil);
    }

    [Fact]
    public void DropTrial_frees_only_the_trial_its_own_request_holds()
    {
        var policy = new FailoverConfig(true, RoutingGens.DefaultOnStatus, 1,
            TimeSpan.FromSeconds(30));
        var parked = Fail(HealthState.Empty, "a", 1, policy);
        var now = RoutingGens.Epoch + policy.Cooldown;
        var claimed = PassiveHealth.ClaimTrial(parked, "a", now, Timeout, policy, 7)!;

        var byOther = PassiveHealth.DropTrial(claimed, "a", 8);
        var byHolder = PassiveHealth.DropTrial(claimed, "a", 7);

        Assert.Same(claimed, byOther);
        Assert.Null(byHolder.ByProvider["a"].TrialUntil);
        Assert.True(PassiveHealth.TrialDue(byHolder, "a", now, policy));
        Assert.Same(parked, PassiveHealth.DropTrial(parked, "a", 0));
        Assert.Same(HealthState.Empty, PassiveHealth.DropTrial(HealthState.Empty, "a", 7));
    }

    private static HealthState Fail(HealthState state, string provider, int times, FailoverConfig policy) =>
        Enumerable.Range(0, times).Aggregate(state,
            (s, _) => PassiveHealth.RecordFailure(s, provider, RoutingGens.Epoch, policy));
}
