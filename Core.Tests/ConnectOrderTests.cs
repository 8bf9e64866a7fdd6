using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using CsCheck;
using Menshen.Core.Network;

namespace Menshen.Core.Tests;

public class ConnectOrderTests
{
    [Fact]
    public void Interleave_is_a_permutation_of_the_resolved_addresses() =>
        NetworkGens.Resolved.Sample(resolved =>
            Sorted(ConnectOrder.Interleave(resolved)).SequenceEqual(Sorted(resolved)));

    [Fact]
    public void Interleave_keeps_each_familys_order() =>
        NetworkGens.Resolved.Sample(resolved =>
        {
            var actual = ConnectOrder.Interleave(resolved);
            return Family(actual, AddressFamily.InterNetwork)
                    .SequenceEqual(Family(resolved, AddressFamily.InterNetwork))
                && Family(actual, AddressFamily.InterNetworkV6)
                    .SequenceEqual(Family(resolved, AddressFamily.InterNetworkV6));
        });

    [Fact]
    public void Interleave_starts_with_the_first_resolved_address() =>
        NetworkGens.Resolved.Where(r => r.Length > 0).Sample(resolved =>
            ConnectOrder.Interleave(resolved)[0].Equals(resolved[0]));

    // While both families have addresses left, no two neighbours share a family.
    [Fact]
    public void Interleave_alternates_families_while_both_remain() =>
        NetworkGens.Resolved.Sample(resolved =>
        {
            var actual = ConnectOrder.Interleave(resolved);
            var minority = Math.Min(Family(resolved, AddressFamily.InterNetwork).Count(),
                Family(resolved, AddressFamily.InterNetworkV6).Count());
            return Enumerable.Range(1, Math.Max(0, 2 * minority - 1)).All(i =>
                actual[i].AddressFamily != actual[i - 1].AddressFamily);
        });

    [Fact]
    public void Interleave_dead_ipv6_first_puts_ipv4_second()
    {
        ImmutableArray<IPAddress> resolved =
            [IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"),
             IPAddress.Parse("192.0.2.1")];

        var actual = ConnectOrder.Interleave(resolved);

        Assert.Equal(["2001:db8::1", "192.0.2.1", "2001:db8::2"],
            actual.Select(a => a.ToString()));
    }

    private static IEnumerable<IPAddress> Family(
        IEnumerable<IPAddress> addresses, AddressFamily family) =>
        addresses.Where(a => a.AddressFamily == family);

    private static IEnumerable<string> Sorted(IEnumerable<IPAddress> addresses) =>
        addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal);
}
