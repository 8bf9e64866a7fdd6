using System.Net;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// What an `anthropic` provider receives (SPEC §14), read from the simulator's record of the
/// request: `x-api-key` with the provider's key, a default `anthropic-version`, the client's
/// version and betas, never the client's credential, and client-key passthrough.
public class AnthropicAuthHeaderTests
{
    private static async Task<IReadOnlyDictionary<string, string>> UpstreamHeadersAsync(
        TestEnv env, Action<System.Net.Http.Headers.HttpRequestHeaders>? headers = null)
    {
        using var response = await env.MessagesAsync(Hello, headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return env.Sim.Requests.Single().Headers;
    }

    [Fact]
    public async Task The_provider_key_goes_as_x_api_key_with_a_default_version_and_no_authorization()
    {
        await using var env = await StartAsync();

        var actual = await UpstreamHeadersAsync(env, h => h.Add("x-api-key", "sk-client-own"));

        Assert.Equal(UpstreamKey, actual["x-api-key"]);
        Assert.Equal("2023-06-01", actual["anthropic-version"]);
        Assert.False(actual.ContainsKey("authorization"));
    }

    [Theory]
    [InlineData("POST", "/v1/messages/batches")]
    [InlineData("GET", "/v1/models")]
    [InlineData("GET", "/v1/files")]
    public async Task Passthrough_paths_get_the_key_as_x_api_key_too(string method, string path)
    {
        // Batches, files and the model list are Anthropic API calls the gateway passes through.
        await using var env = await StartAsync(adjust: c => c with
        {
            Providers = [c.Providers[0] with { Models = [] }],
        });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("x-api-key", "sk-client-own");
        if (method == "POST") request.Content = TestEnv.Json("""{"requests":[]}""");

        using var _ = await env.Client.SendAsync(request);

        var actual = env.Sim.Requests.Single().Headers;
        Assert.Equal(UpstreamKey, actual["x-api-key"]);
        Assert.False(actual.ContainsKey("authorization"));
    }

    [Fact]
    public async Task The_clients_version_and_betas_are_forwarded_as_sent()
    {
        await using var env = await StartAsync();

        var actual = await UpstreamHeadersAsync(env, h =>
        {
            h.Add("anthropic-version", "2026-10-21");
            h.Add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        });

        Assert.Equal("2026-10-21", actual["anthropic-version"]);
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14", actual["anthropic-beta"]);
    }

    [Fact]
    public async Task With_gateway_auth_the_gateway_token_never_goes_upstream()
    {
        await using var env = await StartAsync(adjust: c => c.WithAuth("gw-token"));

        var actual = await UpstreamHeadersAsync(env, h => h.Authorization = new("Bearer", "gw-token"));

        Assert.Equal(UpstreamKey, actual["x-api-key"]);
        Assert.False(actual.ContainsKey("authorization"));
        Assert.DoesNotContain(actual.Values, v => v.Contains("gw-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provider_headers_may_set_authorization()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Providers = [c.Providers[0] with { Headers = [new HeaderValue("Authorization", "Bearer sk-proxy")] }],
        });

        var actual = await UpstreamHeadersAsync(env);

        Assert.Equal("Bearer sk-proxy", actual["authorization"]);
        Assert.Equal(UpstreamKey, actual["x-api-key"]);
    }

    [Fact]
    public async Task Without_an_api_key_and_auth_off_the_clients_x_api_key_is_passed_through()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(Provider("a", sims[0], apiKey: "")));

        var actual = await UpstreamHeadersAsync(env, h => h.Add("x-api-key", "sk-ant-client"));

        Assert.Equal("sk-ant-client", actual["x-api-key"]);
        Assert.False(actual.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Without_an_api_key_and_auth_off_a_bearer_token_is_passed_through()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(Provider("a", sims[0], apiKey: "")));

        var actual = await UpstreamHeadersAsync(env, h => h.Authorization = new("Bearer", "sk-ant-oauth"));

        Assert.Equal("Bearer sk-ant-oauth", actual["authorization"]);
        Assert.False(actual.ContainsKey("x-api-key"));
    }

    [Fact]
    public async Task Without_an_api_key_and_auth_on_no_credential_goes_upstream()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestConfigs.With(Provider("a", sims[0], apiKey: "")).WithAuth("gw-token"));

        var actual = await UpstreamHeadersAsync(env, h => h.Add("x-api-key", "gw-token"));

        Assert.False(actual.ContainsKey("x-api-key"));
        Assert.False(actual.ContainsKey("authorization"));
    }
}
