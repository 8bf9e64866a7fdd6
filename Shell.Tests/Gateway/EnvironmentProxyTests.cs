using System.Net;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// review-86 H1: HTTP_PROXY and friends carried loopback providers (Ollama, vLLM) to the
/// corporate proxy, prompt and provider key included, and its 403 was recorded as the
/// provider's. Loopback hosts now always go direct, as Go's httpproxy has them; other hosts
/// still go through the environment's proxy.
public class EnvironmentProxyTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_loopback_provider_goes_direct_past_the_environment_proxy(string host)
    {
        await using var proxy = new RecordingHttpProxy();
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
                TestConfigs.Provider("ollama", OnHost(sims[0].BaseUrl, host))),
            network: TestNetworks.WithEnvironmentProxy(proxy.Url));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(proxy.Requests);
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_remote_provider_still_goes_through_the_environment_proxy()
    {
        await using var proxy = new RecordingHttpProxy();
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
                TestConfigs.Provider("remote", OnHost(sims[0].BaseUrl, "models.example"))),
            network: TestNetworks.WithEnvironmentProxy(proxy.Url));
        proxy.ForwardTo = new IPEndPoint(IPAddress.Loopback, env.Sim.BaseUrl.Port);

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"POST http://models.example:{env.Sim.BaseUrl.Port}/v1/chat/completions "
            + "HTTP/1.1", Assert.Single(proxy.Requests));
    }

    [Fact]
    public async Task Only_remote_providers_are_listed_as_going_through_the_environment_proxy()
    {
        await using var env = await TestEnv.StartAsync(simulators: 1, configure: sims =>
                TestConfigs.With(
                    TestConfigs.Provider("local", sims[0].BaseUrl),
                    TestConfigs.Provider("remote", new Uri("https://api.example.com/v1")),
                    TestConfigs.Provider("own", new Uri("https://other.example.com/v1")) with
                    {
                        Proxy = new Uri("http://own-proxy.example:8080"),
                    }),
            network: TestNetworks.WithEnvironmentProxy(
                new Uri("http://bob:hunter2@proxy.corp.example:3128")));

        var actual = env.Gateway.Runtime.Current.Transports.ThroughEnvironmentProxy;

        var use = Assert.Single(actual);
        Assert.Equal("remote", use.Provider);
        Assert.Equal("http://proxy.corp.example:3128", use.Proxy);
    }

    private static Uri OnHost(Uri url, string host) =>
        new UriBuilder(url) { Host = host }.Uri;
}
