using System.Globalization;
using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class HostCheckTests
{
    // The in-place read must answer as the plain one did: split on dots, four parts of one to
    // three digits, at most 255, the first 127.
    [Fact]
    public void The_loopback_address_read_in_place_matches_a_split_read() =>
        Gen.OneOf(Gen.Const("127"), Gen.Char["0123456789.a"].Array[0, 4]
                .Select(c => new string(c)))
            .Array[1, 6].Select(parts => string.Join('.', parts))
            .Sample(host => HostCheck.IsLoopbackName(host) == (host.Split('.') is
                { Length: 4 } parts && parts[0] == "127" && parts.All(p =>
                    p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)
                    && int.Parse(p, CultureInfo.InvariantCulture) <= 255)));

    // Mutation testing (helper-93): a name is loopback only when all four parts are decimal
    // octets; one `127` part must not make `127.attacker.example.com` (a rebinding name) local.
    [Theory]
    [InlineData("127.attacker.example.com")]
    [InlineData("127.0.0.1a")]
    [InlineData("127.0..1")]
    [InlineData("127.0.0.0001")]
    [InlineData("127.0.0.99999999999")]
    [InlineData("127.0.0.256")]
    [InlineData("128.0.0.1")]
    public void A_name_that_only_starts_like_127_is_not_loopback(string host)
    {
        Assert.False(HostCheck.IsLoopbackName(host));
        Assert.False(HostCheck.Allows(host, loopbackListen: true, []));
    }

    [Theory]
    [InlineData("127.0.0.255")]
    [InlineData("127.255.255.255")]
    [InlineData("127.00.0.001")]
    public void Every_address_of_127_0_0_0_8_is_loopback(string host) =>
        Assert.True(HostCheck.IsLoopbackName(host));

    [Theory]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[::1", "[::1")]
    [InlineData(" LocalHost.:80 ", "localhost")]
    [InlineData("Example.COM", "example.com")]
    public void NameOf_drops_the_port_a_trailing_dot_and_case(string header, string expected) =>
        Assert.Equal(expected, HostCheck.NameOf(header));

    [Fact]
    public void A_request_without_a_host_passes() =>
        Assert.True(HostCheck.Allows(null, loopbackListen: true, []));

    [Fact]
    public void Beyond_loopback_a_list_refuses_every_other_name() =>
        Assert.False(HostCheck.Allows("evil.example", loopbackListen: false, ["api.example"]));

    // A default (never set) list is no list: no exception, and no foreign name passes.
    [Fact]
    public void A_default_list_refuses_a_foreign_name_on_loopback() =>
        Assert.False(HostCheck.Allows("evil.example", loopbackListen: true, default));
}
