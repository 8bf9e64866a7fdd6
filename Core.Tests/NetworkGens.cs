using System.Collections.Immutable;
using System.Net;
using CsCheck;

namespace Menshen.Core.Tests;

/// IPv4 and IPv6 addresses as a resolver returns them: any mix of families, in any order, and
/// repeats allowed (a resolver may list one address twice).
public static class NetworkGens
{
    public static readonly Gen<IPAddress> V4 =
        Gen.UInt.Select(n => new IPAddress(BitConverter.GetBytes(n)));

    public static readonly Gen<IPAddress> V6 =
        Gen.Byte.Array[16].Select(bytes => new IPAddress(bytes));

    public static readonly Gen<IPAddress> Address = Gen.OneOf(V4, V6);

    public static readonly Gen<ImmutableArray<IPAddress>> Resolved =
        Address.Array[0, 12].Select(a => a.ToImmutableArray());
}
