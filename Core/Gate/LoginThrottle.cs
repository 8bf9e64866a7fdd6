using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Menshen.Core.Gate;

/// Wrong dashboard passwords, per client address (a reviewer tried 200 in 2.1 s). The first
/// `FreeFailures` wrong passwords cost nothing; from then on an address waits 1 s, 2 s, 4 s ...
/// (at most `LongestWait`) after each further one, and an attempt inside that wait is refused
/// whatever it presents: it is not honoured, not counted and tells the guesser nothing. A right
/// password clears the address; one quiet for `ForgetAfter` starts over. At most `Capacity`
/// addresses are kept (the longest quiet dropped first), so a flood of addresses cannot grow
/// memory.
public sealed record LoginThrottle(ImmutableDictionary<string, LoginFailures> Addresses)
{
    public const int FreeFailures = 5;
    public const int MaxAddresses = 4096;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    public static readonly LoginThrottle Empty =
        new(ImmutableDictionary.Create<string, LoginFailures>(StringComparer.Ordinal));

    public int Capacity { get; init; } = MaxAddresses;

    /// One attempt from `address` whose password was `succeeded`, at `now`. RetryAfter is zero
    /// when the attempt counts (the caller answers as the password says), else how long the
    /// address must still wait (the caller answers 429, whatever the password).
    public (LoginThrottle Next, TimeSpan RetryAfter) Attempt(
        string address, bool succeeded, DateTimeOffset now)
    {
        var known = Addresses.TryGetValue(address, out var failures)
            && now - failures.Last < ForgetAfter;
        if (known && failures.Last + Wait(failures.Count) - now is { Ticks: > 0 } left)
            return (this, left);
        if (succeeded)
            return (Addresses.ContainsKey(address)
                ? this with { Addresses = Addresses.Remove(address) } : this, TimeSpan.Zero);
        var table = Addresses.ContainsKey(address) || Addresses.Count < Capacity
            ? Addresses : Trimmed(now);
        var count = known ? failures.Count + 1 : 1;
        return (this with { Addresses = table.SetItem(address, new LoginFailures(count, now)) },
            TimeSpan.Zero);
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

    // Full: forget the quiet ones; if none is, drop the one quiet longest (the first by
    // ordinal key among equals, so that the choice does not depend on the table's order).
    private ImmutableDictionary<string, LoginFailures> Trimmed(DateTimeOffset now)
    {
        var kept = Addresses.RemoveRange(
            Addresses.Where(e => now - e.Value.Last >= ForgetAfter).Select(e => e.Key));
        if (kept.IsEmpty || kept.Count < Capacity) return kept;
        var oldest = kept.First();
        foreach (var entry in kept)
        {
            var order = entry.Value.Last.CompareTo(oldest.Value.Last);
            if (order < 0 || (order == 0 && string.CompareOrdinal(entry.Key, oldest.Key) < 0))
                oldest = entry;
        }
        return kept.Remove(oldest.Key);
    }
}

/// `Count` wrong passwords in a row from one address, the last at `Last`.
public readonly record struct LoginFailures(int Count, DateTimeOffset Last);
