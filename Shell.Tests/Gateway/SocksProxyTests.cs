using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// helper-81: ai-menshen's example config offers an HTTP or SOCKS5 proxy per provider (Go's
/// `http.ProxyURL`); this gateway refused `socks5://` at start-up.
public class SocksProxyTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";

    [Theory]
    [InlineData("socks5")]
    [InlineData("socks5h")]
    public async Task A_provider_behind_a_socks5_proxy_is_reached_through_it(string scheme)
    {
        await using var relay = new Socks5Relay();
        await using var env = await TestEnv.StartAsync(simulators: 1, configure: sims =>
            TestConfigs.With(TestConfigs.Provider("socks", sims[0].BaseUrl) with
            {
                Proxy = new Uri($"{scheme}://127.0.0.1:{relay.Port}"),
            }));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, env.Sim.RequestCount);
        Assert.Equal($"127.0.0.1:{env.Sim.BaseUrl.Port}", Assert.Single(relay.Targets));
    }

    [Fact]
    public async Task The_proxy_urls_user_and_password_log_in_to_it()
    {
        await using var relay = new Socks5Relay(("gw", "p@ss:word"));
        await using var env = await TestEnv.StartAsync(simulators: 1, configure: sims =>
            TestConfigs.With(TestConfigs.Provider("socks", sims[0].BaseUrl) with
            {
                Proxy = new Uri($"socks5://gw:p%40ss%3Aword@127.0.0.1:{relay.Port}"),
            }));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(relay.Targets);
    }
}
