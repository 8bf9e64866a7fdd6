using System.Net;
using Menshen.Core.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Hygiene;

/// `listen` as a host name that resolves to loopback only (Debian maps the machine's own name to
/// 127.0.1.1): the gateway is as local as on `localhost`, so DNS rebinding is refused the same
/// way, and the name itself is answered.
public sealed class ListenNameHostCheckTests : IAsyncLifetime
{
    private SimulatorServer _sim = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync();
        var config = TestConfigs.With([TestConfigs.Provider("sim", _sim.BaseUrl)]) with
        {
            Listen = new ListenAddress("Gateway.Test", 0),
        };
        _gateway = await GatewayHost.StartAsync(config, new GatewayHostOptions
        {
            Quiet = true,
            ResolveHost = name => name == "Gateway.Test" ? [IPAddress.Loopback] : [],
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.nip.io:8080")]
    public async Task A_rebound_host_name_is_refused(string host)
    {
        var answer = await RawHttp.SendAsync(_gateway.BaseAddress,
            $"GET /v1/models HTTP/1.1\r\nHost: {host}");

        Assert.Equal(403, answer.Status);
        Assert.Contains("allowed_hosts", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _sim.RequestCount);
    }

    [Theory]
    [InlineData("gateway.test")]
    [InlineData("GATEWAY.TEST:8080")]
    [InlineData("127.0.0.1")]
    public async Task The_listen_name_and_loopback_names_are_answered(string host)
    {
        var answer = await RawHttp.SendAsync(_gateway.BaseAddress,
            $"GET /v1/models HTTP/1.1\r\nHost: {host}");

        Assert.Equal(200, answer.Status);
    }

    // .NET resolves the machine's own name to every interface's address (this VM's `vm`: 127.0.0.1,
    // then eth0's 192.0.2.2 and fd00::2), getaddrinfo to /etc/hosts' 127.0.0.1 only. Go's
    // net.Listen, ai-menshen's, binds one address of a name, its first IPv4 one: so must the
    // drop-in, or `listen = "myhost:8080"` is open on every interface.
    [Fact]
    public async Task A_name_with_several_addresses_listens_on_its_first_IPv4_one_only()
    {
        var config = TestConfigs.With([TestConfigs.Provider("sim", _sim.BaseUrl)]) with
        {
            Listen = new ListenAddress("myhost", 0),
        };
        await using var gateway = await GatewayHost.StartAsync(config, new GatewayHostOptions
        {
            Quiet = true,
            ResolveHost = _ => [IPAddress.IPv6Loopback, IPAddress.Loopback,
                IPAddress.Parse("192.0.2.123")],
        });

        Assert.Equal("127.0.0.1", gateway.BaseAddress.Host);
        var answer = await RawHttp.SendAsync(gateway.BaseAddress,
            "GET /v1/models HTTP/1.1\r\nHost: attacker.example");
        Assert.Equal(403, answer.Status);
    }

    // `localhost` in any case binds loopback on the configured port; in upper case it once
    // matched neither branch, and Kestrel, given no endpoint, listened on localhost:5000.
    [Fact]
    public async Task LOCALHOST_in_capitals_listens_on_its_port()
    {
        var port = Process.GatewayProcess.FreePort();
        var config = TestConfigs.With([TestConfigs.Provider("sim", _sim.BaseUrl)]) with
        {
            Listen = new ListenAddress("LOCALHOST", port),
        };
        await using var gateway = await GatewayHost.StartAsync(config,
            new GatewayHostOptions { Quiet = true });

        Assert.Equal(port, gateway.BaseAddress.Port);
    }
}
