using System.Net;
using CsCheck;
using Menshen.Core.Gate;

namespace Menshen.Core.Tests;

/// Model-based: the throttle against a plain history of wrong passwords per address (with the
/// table's bound and its shared overflow entry); then the properties a guesser meets.
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
        Gen.OneOf("10.0.0.1", "10.0.0.2", "10.0.0.3", "2001:db8::/64", "unknown"), Advance,
        Gen.Int[0, 4].Select(n => n == 0),
        (address, advance, right) => new Try(address, advance, right));

    [Fact]
    public void Throttle_agrees_with_a_history_model_under_any_attempts() =>
        Gen.Select(Attempt.Array[0, 80], Gen.Int[1, 5]).Sample((tries, capacity) =>
        {
            var actual = LoginThrottle.Empty with { Capacity = capacity };
            var model = new Dictionary<string, (int Wrong, DateTimeOffset Last)>();
            var now = Start;
            foreach (var t in tries)
            {
                now = now.AddMilliseconds(t.AdvanceMs);
                var attempt = actual.Attempt(t.Address, t.Right, now);
                actual = attempt.Next;
                if ((attempt.RetryAfter, attempt.StartsWaiting)
                    != ModelAttempt(model, capacity, t, now)) return false;
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
                var attempt = throttle.Attempt("10.0.0.1", false, Start);
                throttle = attempt.Next;
                if (attempt.RetryAfter == TimeSpan.Zero) compared++;
            }
            return compared == Math.Min(burst, LoginThrottle.FreeFailures);
        });

    [Fact]
    public void After_its_wait_an_address_is_heard_and_a_right_password_gives_no_new_tries() =>
        Gen.Int[LoginThrottle.FreeFailures, 40].Sample(failures =>
        {
            var throttle = LoginThrottle.Empty;
            var now = Start;
            for (var compared = 0; compared < failures;)
            {
                // A patient guesser: tries again as soon as the wait it was told ends.
                var attempt = throttle.Attempt("10.0.0.1", false, now);
                throttle = attempt.Next;
                if (attempt.RetryAfter == TimeSpan.Zero) compared++;
                now += attempt.RetryAfter;
            }
            var refused = throttle.Attempt("10.0.0.1", true, now).RetryAfter;
            var heard = throttle.Attempt("10.0.0.1", true, now + refused);
            var afterRight = heard.Next;
            var burstCompared = 0;
            for (var i = 0; i < 5; i++)
            {
                var wrong = afterRight.Attempt("10.0.0.1", false, now + refused);
                afterRight = wrong.Next;
                if (wrong.RetryAfter == TimeSpan.Zero) burstCompared++;
            }
            return refused == LoginThrottle.Wait(failures) && refused > TimeSpan.Zero
                && heard.RetryAfter == TimeSpan.Zero && burstCompared == 1;
        });

    [Fact]
    public void Only_the_wrong_password_that_uses_up_the_free_ones_starts_the_waiting()
    {
        var throttle = LoginThrottle.Empty;
        var starts = new List<bool>();
        for (var i = 0; i < 8; i++)
        {
            var attempt = throttle.Attempt("10.0.0.1", false, Start.AddHours(i * 0.01));
            throttle = attempt.Next;
            starts.Add(attempt.StartsWaiting);
        }

        Assert.Equal([false, false, false, false, true, false, false, false], starts);
    }

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
    public void A_flood_of_single_guesses_keeps_the_first_and_shares_one_entry_for_the_rest()
    {
        var throttle = LoginThrottle.Empty;
        var compared = 0;
        for (var i = 0; i < LoginThrottle.MaxAddresses + 500; i++)
        {
            var attempt = throttle.Attempt($"a{i}", false, Start.AddMilliseconds(i));
            throttle = attempt.Next;
            if (attempt.RetryAfter == TimeSpan.Zero) compared++;
        }

        Assert.Equal(LoginThrottle.MaxAddresses + 1, throttle.Addresses.Count);
        Assert.Contains("a0", throttle.Addresses.Keys);
        Assert.Contains(LoginThrottle.Overflow, throttle.Addresses.Keys);
        Assert.True(compared < LoginThrottle.MaxAddresses + 20, $"{compared} compared");
    }

    [Fact]
    public void Addresses_taking_turns_buy_no_guesses_by_being_dropped()
    {
        // helper-53: one wrong password from each of 4,200 addresses in turn, eight rounds:
        // each address was dropped before its next turn and came back with its tries.
        var throttle = LoginThrottle.Empty with { Capacity = 8 };
        var compared = 0;
        for (var round = 0; round < 8; round++)
        {
            for (var a = 0; a < 50; a++)
            {
                var attempt = throttle.Attempt($"bot{a}", false, Start);
                throttle = attempt.Next;
                if (attempt.RetryAfter == TimeSpan.Zero) compared++;
            }
        }

        Assert.Equal((8 + 1) * LoginThrottle.FreeFailures, compared);
    }

    [Fact]
    public void An_admin_seen_before_is_never_put_in_the_entry_a_flood_keeps_waiting()
    {
        var throttle = LoginThrottle.Empty with { Capacity = 4 };
        throttle = throttle.Attempt("admin", true, Start).Next;
        for (var a = 0; a < 20; a++)
            for (var i = 0; i < 6; i++)
                throttle = throttle.Attempt($"bot{a}", false, Start.AddSeconds(1)).Next;

        var admin = throttle.Attempt("admin", true, Start.AddSeconds(1.5));
        var newcomer = throttle.Attempt("new admin", true, Start.AddSeconds(1.5));

        Assert.Equal(TimeSpan.Zero, admin.RetryAfter);
        Assert.True(newcomer.RetryAfter > TimeSpan.Zero); // documented: it shares the waits
    }

    [Fact]
    public void Many_addresses_buy_no_guesses_once_the_table_holds_only_guessers()
    {
        // helper-52: 4,200 addresses, five wrong passwords each, three rounds: 63,000 compared.
        var throttle = LoginThrottle.Empty with { Capacity = 8 };
        var compared = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var a = 0; a < 50; a++)
            {
                for (var i = 0; i < 5; i++)
                {
                    var attempt = throttle.Attempt($"bot{a}", false, Start.AddSeconds(round));
                    throttle = attempt.Next;
                    if (attempt.RetryAfter == TimeSpan.Zero) compared++;
                }
            }
        }

        // Round 0: the 8 kept addresses five each, then the shared entry five for the other 42;
        // round 1 (1 s on): each of the nine one more; round 2 (2 s on): all still wait.
        Assert.Equal((8 * 5) + 5 + 8 + 1, compared);
        Assert.Equal(9, throttle.Addresses.Count);
        Assert.Contains(LoginThrottle.Overflow, throttle.Addresses.Keys);
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

    // The rule written out plainly over (wrong passwords, last event) per key: inside the wait
    // after the last wrong one nothing is heard; a right one keeps the count, or marks the
    // address at 0; a full table forgets its quiet entries, and without one a new address
    // counts under the shared overflow entry.
    private static (TimeSpan, bool) ModelAttempt(
        Dictionary<string, (int Wrong, DateTimeOffset Last)> model, int capacity, Try t,
        DateTimeOffset now)
    {
        bool Quiet(string key, (int Wrong, DateTimeOffset Last) e) =>
            key != LoginThrottle.Overflow && now - e.Last >= LoginThrottle.ForgetAfter;
        var key = model.ContainsKey(t.Address) || model.Count < capacity
            || model.Any(e => Quiet(e.Key, e.Value)) ? t.Address : LoginThrottle.Overflow;
        var kept = model.TryGetValue(key, out var entry);
        var fresh = kept && now - entry.Last < LoginThrottle.ForgetAfter;
        if (fresh)
        {
            var until = entry.Last + LoginThrottle.Wait(entry.Wrong);
            if (now < until) return (until - now, false);
        }
        if (t.Right)
        {
            if (!(key == t.Address && fresh && entry.Wrong > 0)) model[t.Address] = (0, now);
            return (TimeSpan.Zero, false);
        }
        if (!kept && model.Count >= capacity && key != LoginThrottle.Overflow)
        {
            foreach (var quiet in model.Where(e => Quiet(e.Key, e.Value)).Select(e => e.Key)
                         .ToList())
                model.Remove(quiet);
        }
        var wrong = fresh ? entry.Wrong + 1 : 1;
        model[key] = (wrong, now);
        return (TimeSpan.Zero, wrong == LoginThrottle.FreeFailures);
    }

    // Mutation testing (helper-93): each right password keeps its address fresh, so a full
    // table does not forget the admin an hour after the first login.
    [Fact]
    public void A_right_password_keeps_the_admin_fresh_in_a_full_table()
    {
        var throttle = LoginThrottle.Empty with { Capacity = 1 };

        throttle = throttle.Attempt("10.0.0.1", true, Start).Next;
        throttle = throttle.Attempt("10.0.0.1", true, Start.AddMinutes(50)).Next;
        throttle = throttle.Attempt("10.0.0.2", false, Start.AddMinutes(70)).Next;

        Assert.Equal(Start.AddMinutes(50), throttle.Addresses["10.0.0.1"].Last);
        Assert.True(throttle.Addresses.ContainsKey(LoginThrottle.Overflow));
    }
}
