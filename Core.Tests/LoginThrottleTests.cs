using System.Net;
using CsCheck;
using Menshen.Core.Gate;

namespace Menshen.Core.Tests;

/// Model-based: the throttle against a plain history of wrong passwords per address; then the
/// properties a guesser meets (a burst is cut at the free failures, a wait always ends).
public class LoginThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private sealed record Try(string Address, long AdvanceMs, bool Right);

    // Advances that land inside and past each wait, and past ForgetAfter.
    private static readonly Gen<long> Advance = Gen.OneOf(
        Gen.Const(0L), Gen.Long[0, 2_000], Gen.Long[0, 70_000], Gen.Long[0, 1_000_000],
        Gen.Const((long)LoginThrottle.ForgetAfter.TotalMilliseconds),
        Gen.Long[3_000_000, 4_000_000]);

    private static readonly Gen<Try> Attempt = Gen.Select(
        Gen.OneOf("10.0.0.1", "10.0.0.2", "2001:db8::/64", "unknown"), Advance,
        Gen.Int[0, 4].Select(n => n == 0),
        (address, advance, right) => new Try(address, advance, right));

    [Fact]
    public void Throttle_agrees_with_a_history_model_under_any_attempts() =>
        Gen.Select(Attempt.Array[0, 60], Gen.Int[1, 5]).Sample((tries, capacity) =>
        {
            var actual = LoginThrottle.Empty with { Capacity = capacity };
            var model = new Dictionary<string, List<DateTimeOffset>>();
            var now = Start;
            foreach (var t in tries)
            {
                now = now.AddMilliseconds(t.AdvanceMs);
                (actual, var retryAfter) = actual.Attempt(t.Address, t.Right, now);
                if (retryAfter != ModelAttempt(model, capacity, t, now)) return false;
                if (actual.Addresses.Count != model.Count) return false;
            }
            return true;
        });

    [Fact]
    public void A_burst_of_wrong_passwords_is_compared_at_most_the_free_failures() =>
        Gen.Int[1, 50].Sample(burst =>
        {
            var throttle = LoginThrottle.Empty;
            var compared = 0;
            for (var i = 0; i < burst; i++)
            {
                (throttle, var retryAfter) = throttle.Attempt("10.0.0.1", false, Start);
                if (retryAfter == TimeSpan.Zero) compared++;
            }
            return compared == Math.Min(burst, LoginThrottle.FreeFailures);
        });

    [Fact]
    public void After_its_wait_an_address_is_heard_and_a_right_password_clears_it() =>
        Gen.Int[LoginThrottle.FreeFailures, 40].Sample(failures =>
        {
            var throttle = LoginThrottle.Empty;
            var now = Start;
            for (var compared = 0; compared < failures;)
            {
                // A patient guesser: tries again as soon as the wait it was told ends.
                (throttle, var wait) = throttle.Attempt("10.0.0.1", false, now);
                if (wait == TimeSpan.Zero) compared++;
                now += wait;
            }
            var (_, refused) = throttle.Attempt("10.0.0.1", true, now);
            var (cleared, heard) = throttle.Attempt("10.0.0.1", true, now + refused);
            return refused == LoginThrottle.Wait(failures) && refused > TimeSpan.Zero
                && heard == TimeSpan.Zero && cleared.Addresses.IsEmpty;
        });

    [Fact]
    public void Waits_double_from_one_second_to_fifteen_minutes()
    {
        var waits = Enumerable.Range(1, 20).Select(n => LoginThrottle.Wait(n).TotalSeconds);

        Assert.Equal(
            [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900, 900],
            waits);
        Assert.Equal(LoginThrottle.LongestWait, LoginThrottle.Wait(int.MaxValue));
    }

    [Fact]
    public void A_flood_of_addresses_keeps_at_most_the_capacity_and_the_newest()
    {
        var throttle = LoginThrottle.Empty;
        for (var i = 0; i < LoginThrottle.MaxAddresses + 500; i++)
            (throttle, _) = throttle.Attempt($"a{i}", false, Start.AddMilliseconds(i));

        Assert.Equal(LoginThrottle.MaxAddresses, throttle.Addresses.Count);
        Assert.Contains($"a{LoginThrottle.MaxAddresses + 499}", throttle.Addresses.Keys);
        Assert.DoesNotContain("a0", throttle.Addresses.Keys);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_count_by_ipv4_address_or_ipv6_64(string address, string key) =>
        Assert.Equal(key, LoginThrottle.KeyOf(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_counted_as_unknown() =>
        Assert.Equal("unknown", LoginThrottle.KeyOf(null));

    // The rule in terms of history: the wrong passwords compared since the address's last right
    // one (or its last quiet hour); inside the wait after the newest of them nothing is heard.
    private static TimeSpan ModelAttempt(
        Dictionary<string, List<DateTimeOffset>> model, int capacity, Try t, DateTimeOffset now)
    {
        if (model.TryGetValue(t.Address, out var wrong)
            && now - wrong[^1] >= LoginThrottle.ForgetAfter)
        {
            model.Remove(t.Address);
            wrong = null;
        }
        if (wrong is not null)
        {
            var until = wrong[^1] + LoginThrottle.Wait(wrong.Count);
            if (now < until) return until - now;
        }
        if (t.Right)
        {
            model.Remove(t.Address);
            return TimeSpan.Zero;
        }
        if (wrong is null)
        {
            if (model.Count >= capacity) Evict(model, now, capacity);
            model[t.Address] = wrong = [];
        }
        wrong.Add(now);
        return TimeSpan.Zero;
    }

    private static void Evict(
        Dictionary<string, List<DateTimeOffset>> model, DateTimeOffset now, int capacity)
    {
        foreach (var quiet in model.Where(e => now - e.Value[^1] >= LoginThrottle.ForgetAfter)
                     .Select(e => e.Key).ToList())
            model.Remove(quiet);
        if (model.Count < capacity) return;
        var oldest = model.OrderBy(e => e.Value[^1]).ThenBy(e => e.Key, StringComparer.Ordinal)
            .First().Key;
        model.Remove(oldest);
    }
}
