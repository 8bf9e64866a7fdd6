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
}
