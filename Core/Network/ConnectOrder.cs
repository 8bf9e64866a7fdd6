using System.Collections.Immutable;
using System.Net;

namespace Menshen.Core.Network;

/// The order a host's addresses are tried in when connecting (Happy Eyeballs, RFC 8305 §4).
public static class ConnectOrder
{
    /// The resolver's addresses with the families alternating, starting with the family of the
    /// first one, each family in the resolver's order: a permutation of `resolved`. A dead IPv6
    /// route then costs one attempt's head start, not the whole connect timeout.
    public static ImmutableArray<IPAddress> Interleave(ImmutableArray<IPAddress> resolved)
    {
        if (resolved.IsDefaultOrEmpty) return resolved.IsDefault ? [] : resolved;
        var firstFamily = resolved[0].AddressFamily;
        var first = resolved.Where(a => a.AddressFamily == firstFamily).ToArray();
        var other = resolved.Where(a => a.AddressFamily != firstFamily).ToArray();
        var order = ImmutableArray.CreateBuilder<IPAddress>(resolved.Length);
        for (var i = 0; i < Math.Max(first.Length, other.Length); i++)
        {
            if (i < first.Length) order.Add(first[i]);
            if (i < other.Length) order.Add(other[i]);
        }
        return order.MoveToImmutable();
    }
}
