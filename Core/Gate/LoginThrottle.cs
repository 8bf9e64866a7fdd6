using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Menshen.Core.Gate;

/// Wrong dashboard passwords, per client address (a reviewer tried 200 in 2.1 s). The first
/// `FreeFailures` wrong passwords cost nothing; from then on an address waits 1 s, 2 s, 4 s ...
/// (at most `LongestWait`) after each further one, and an attempt inside that wait is refused
/// whatever it presents: it is not honoured, not counted and tells the guesser nothing. A right
/// password is honoured but does not clear the count (a guesser sharing the address would get
/// new tries at every refresh of the admin's dashboard); an address quiet for `ForgetAfter`
/// starts over.
///
/// At most `Capacity` addresses with wrong passwords are kept, and none is dropped before it is
/// quiet (a dropped address would get its free tries back: helper-53 guessed 33,600 times from
/// 4,200 addresses taking turns). When the table is full, every new address counts under one
/// shared `Overflow` entry, so that many addresses (a botnet, an IPv6 /48) buy five tries and
/// the same waits. An address whose right password was honoured is kept too (a count of 0,
/// fresh while it keeps logging in), so that an admin seen before is never put in the shared
/// entry a flood keeps waiting; only password holders add such entries.
public sealed record LoginThrottle(ImmutableDictionary<string, LoginFailures> Addresses)
{
    public const int FreeFailures = 5;
    public const int MaxAddresses = 4096;
    public const string Overflow = "(every new address while the table is full)";
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    public static readonly LoginThrottle Empty =
        new(ImmutableDictionary.Create<string, LoginFailures>(StringComparer.Ordinal));

    public int Capacity { get; init; } = MaxAddresses;

    /// One attempt from `address` whose password was `succeeded`, at `now`. RetryAfter is zero
    /// when the attempt counts (the caller answers as the password says), else how long the
    /// address must still wait (the caller answers 429, whatever the password). StartsWaiting:
    /// this wrong password used up the address's free ones (the Shell logs it once).
    public LoginAttempt Attempt(string address, bool succeeded, DateTimeOffset now)
    {
        var key = KeyFor(address, now);
        var known = Addresses.TryGetValue(key, out var failures);
        var forgotten = known && now - failures.Last >= ForgetAfter;
        if (known && !forgotten && failures.Last + Wait(failures.Count) - now is
            { Ticks: > 0 } left)
            return new(this, left, false);
        if (succeeded)
        {
            // The count stays; an address without wrong ones is kept (or kept fresh) at 0.
            var counted = key == address && known && !forgotten && failures.Count > 0;
            return new(counted ? this : this with
            {
                Addresses = Addresses.SetItem(address, new LoginFailures(0, now)),
            }, TimeSpan.Zero, false);
        }
        var table = known || Addresses.Count < Capacity || key == Overflow
            ? Addresses : Trimmed(now);
        var count = known && !forgotten ? failures.Count + 1 : 1;
        return new(this with { Addresses = table.SetItem(key, new LoginFailures(count, now)) },
            TimeSpan.Zero, count == FreeFailures);
    }

    /// The wait after `failures` wrong passwords in a row.
    public static TimeSpan Wait(int failures)
    {
        var doublings = failures - FreeFailures;
        if (doublings < 0) return TimeSpan.Zero;
        if (doublings >= 20) return LongestWait;
        var wait = TimeSpan.FromSeconds(1L << doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    /// The key an address is counted under: IPv4 as it is (an IPv4-mapped IPv6 address too),
    /// IPv6 by its /64, which one host can rotate through freely; "unknown" without one.
    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    // The address itself while it is kept or can be (room, or a quiet entry to forget); else
    // the shared overflow entry.
    private string KeyFor(string address, DateTimeOffset now) =>
        Addresses.ContainsKey(address) || Addresses.Count < Capacity
            || Addresses.Any(e => Quiet(e, now)) ? address : Overflow;

    // The shared entry is never forgotten for one address (that address would get its tries).
    private static bool Quiet(KeyValuePair<string, LoginFailures> entry, DateTimeOffset now) =>
        entry.Key != Overflow && now - entry.Value.Last >= ForgetAfter;

    // Full: forget the quiet ones (KeyFor made sure there is one).
    private ImmutableDictionary<string, LoginFailures> Trimmed(DateTimeOffset now) =>
        Addresses.RemoveRange(Addresses.Where(e => Quiet(e, now)).Select(e => e.Key));
}

/// `Count` wrong passwords in a row from one address, the last at `Last`.
public readonly record struct LoginFailures(int Count, DateTimeOffset Last);

/// What one attempt did: the throttle after it, how long its address must still wait (zero:
/// the attempt counted), and whether this wrong password used up the free ones.
public readonly record struct LoginAttempt(
    LoginThrottle Next, TimeSpan RetryAfter, bool StartsWaiting);
