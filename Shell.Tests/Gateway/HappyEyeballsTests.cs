using System.Diagnostics;
using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// review-86 H2: a host name with an AAAA and an A record whose IPv6 route silently drops SYNs
/// failed every request after the whole connect timeout; .NET's own connect never tried the IPv4
/// address. The transports' connect now races the addresses (Happy Eyeballs, RFC 8305).
public class HappyEyeballsTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_dead_ipv6_address_falls_back_to_the_ipv4_one_at_once()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
                TestConfigs.Provider("dual", OnHost(sims[0].BaseUrl, "dual.test")))
            .WithTimeout(ConnectTimeout),
            network: TestNetworks.Resolving("dual.test", IPAddress.IPv6Loopback,
                IPAddress.Loopback));
        using var deadIpv6 = new SilentIpv6Port(env.Sim.BaseUrl.Port);
        var clock = Stopwatch.StartNew();

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    // With an HTTP proxy, .NET connects to the proxy through the same callback.
    [Fact]
    public async Task A_proxy_named_by_a_dual_stack_host_is_reached_over_ipv4()
    {
        await using var proxy = new RecordingHttpProxy();
        using var deadIpv6 = new SilentIpv6Port(proxy.Port);
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
                TestConfigs.Provider("remote", OnHost(sims[0].BaseUrl, "models.example")) with
                {
                    Proxy = new Uri($"http://proxy.test:{proxy.Port}"),
                })
            .WithTimeout(ConnectTimeout),
            network: TestNetworks.Resolving("proxy.test", IPAddress.IPv6Loopback,
                IPAddress.Loopback));
        proxy.ForwardTo = new IPEndPoint(IPAddress.Loopback, env.Sim.BaseUrl.Port);
        var clock = Stopwatch.StartNew();

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.StartsWith("POST http://models.example:", Assert.Single(proxy.Requests));
    }

    // Every address dead: the connect timeout (half the upstream timeout) ends the attempt,
    // before the header timeout, and says so (helper-86: a 502 or a 504 of the wrong name).
    [Fact]
    public async Task Only_dead_addresses_fail_within_the_connect_timeout()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
                TestConfigs.Provider("dead", OnHost(sims[0].BaseUrl, "dead.test")))
            .WithTimeout(TimeSpan.FromSeconds(2)),
            network: TestNetworks.Resolving("dead.test", IPAddress.IPv6Loopback));
        using var deadIpv6 = new SilentIpv6Port(env.Sim.BaseUrl.Port);
        var clock = Stopwatch.StartNew();

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(Core.Routing.AttemptErrors.ConnectTimedOut,
            await OpenAiError.AssertShapeAsync(response), StringComparison.Ordinal);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.5), $"{clock.Elapsed}");
        Assert.Equal(0, env.Sim.RequestCount);
    }

    private static Uri OnHost(Uri url, string host) =>
        new UriBuilder(url) { Host = host }.Uri;
}
