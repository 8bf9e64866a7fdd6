using CsCheck;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class ListenValidationTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData(":9000", "", 9000)]
    [InlineData("[::1]:8081", "[::1]", 8081)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("0.0.0.0:65535", "0.0.0.0", 65535)]
    public void Validate_listen_forms_parse(string listen, string host, int port)
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal with { Listen = listen });

        Assert.Equal(new ListenAddress(host, port), actual.Listen);
    }

    [Theory]
    [InlineData("localhost", "listen: expected host:port, :port or [ipv6]:port (such as 127.0.0.1:8080), got 'localhost' (no port)")]
    [InlineData(":0", "listen: expected a port from 1 to 65535 after the last ':', got ':0'")]
    [InlineData("127.0.0.1:65536", "listen: expected a port from 1 to 65535 after the last ':', got '127.0.0.1:65536'")]
    [InlineData("::1:8080", "listen: an IPv6 host needs brackets, such as [::1]:8080; got '::1:8080'")]
    [InlineData("[nope]:80", "listen: expected an IPv6 address inside [ ], got '[nope]:80'")]
    [InlineData("bad host:80", "listen: expected a host name or IP address before the port, got 'bad host:80'")]
    [InlineData("http://127.0.0.1:8080", "listen: expected host:port, :port or [ipv6]:port (such as 127.0.0.1:8080), not a URL: drop 'http://'; got 'http://127.0.0.1:8080'")]
    [InlineData("https://localhost:8443", "listen: expected host:port, :port or [ipv6]:port (such as 127.0.0.1:8080), not a URL: drop 'https://'; got 'https://localhost:8443'")]
    public void Validate_bad_listen_says_what_was_expected(string listen, string expected)
    {
        var actual = TestConfigs.Errors(TestConfigs.Minimal with { Listen = listen });

        Assert.Equal([expected], actual);
    }

    [Fact]
    public void Validate_ipv6_listen_prints_as_written()
    {
        var actual = TestConfigs.Valid(TestConfigs.Minimal with { Listen = "[::1]:8081" });

        Assert.Equal("[::1]:8081", actual.Listen.ToString());
        Assert.True(actual.Listen.IsLoopback);
    }

    // `LOCALHOST:8080` and `127.0.0.2:8080` bind loopback too: the Host check must stay on.
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("", false)]
    [InlineData("192.168.1.5", false)]
    public void IsLoopback_knows_every_loopback_address(string host, bool expected) =>
        Assert.Equal(expected, new Config.ListenAddress(host, 8080).IsLoopback);

    private static readonly Gen<System.Net.IPAddress> LoopbackAddress = Gen.OneOf(
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte,
            (a, b, c) => new System.Net.IPAddress(new byte[] { 127, a, b, c })),
        Gen.Const(System.Net.IPAddress.IPv6Loopback));

    private static readonly Gen<System.Net.IPAddress> OtherAddress = Gen.OneOf(
        Gen.Select(Gen.Byte[1, 126], Gen.Byte, Gen.Byte,
            (a, b, c) => new System.Net.IPAddress(new byte[] { a, b, c, 1 })),
        Gen.Const(System.Net.IPAddress.IPv6Any), Gen.Const(System.Net.IPAddress.Any));

    // A name is local only when every address it resolved to is loopback (one public address is
    // enough to be reached from elsewhere).
    [Fact]
    public void A_listen_name_is_only_loopback_when_all_its_addresses_are() =>
        Gen.Select(LoopbackAddress.Array[0, 4], OtherAddress.Array[0, 2])
            .Sample((loopback, other) =>
            {
                var resolved = loopback.Concat(other).ToArray();
                var listen = new Config.ListenAddress("gateway.lan", 8080);
                return listen.OnlyLoopback(resolved)
                    == (resolved.Length > 0 && other.Length == 0);
            });

    [Theory]
    [InlineData("gateway.LAN.", "gateway.lan")]
    [InlineData("localhost", null)]
    [InlineData("127.0.1.1", null)]
    [InlineData("[::1]", null)]
    [InlineData("", null)]
    public void Only_a_host_name_is_a_listen_name(string host, string? expected) =>
        Assert.Equal(expected, new Config.ListenAddress(host, 8080).Name);

    private static readonly Gen<System.Net.IPAddress> AnyAddress = Gen.OneOf(
        LoopbackAddress, OtherAddress,
        Gen.Select(Gen.Byte.Array[16], b => new System.Net.IPAddress(b)));

    // Go's net.Listen binds one address of a name: its first IPv4 one, else its first.
    [Fact]
    public void A_listen_name_binds_its_first_IPv4_address_else_its_first() =>
        AnyAddress.Array[0, 5].Sample(resolved =>
        {
            var picked = Config.ListenAddress.BindAddress(resolved);
            var v4 = Array.FindIndex(resolved, a =>
                a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            return resolved.Length == 0 ? picked is null
                : ReferenceEquals(picked, resolved[v4 >= 0 ? v4 : 0]);
        });
}
