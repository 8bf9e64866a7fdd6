using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class AuthTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";

    private static Task<TestEnv> WithAuth() => TestEnv.StartAsync(configure: sims =>
        TestEnv.DefaultConfig(sims).WithAuth("gw-main-token", new ClientKey("ci-bot", "gw-ci-token")));

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic YWRtaW46ZGFzaC1wYXNzd29yZA==")]
    public async Task Missing_or_wrong_token_is_a_401_in_openai_shape(string? authorization)
    {
        await using var env = await WithAuth();

        using var response = await env.PostAsync("/v1/chat/completions", Chat, h =>
        {
            if (authorization is not null) h.TryAddWithoutValidation("Authorization", authorization);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_rejected_stream_request_is_recorded_as_the_stream_it_asked_for()
    {
        await using var env = await WithAuth();
        const string streamChat =
            """{"model":"gpt-x","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await env.PostAsync("/v1/chat/completions", streamChat,
            h => h.TryAddWithoutValidation("Authorization", "Bearer wrong-token"));
        var recorded = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, true), (recorded.Status, recorded.Stream));
        Assert.Equal("gpt-x", recorded.RequestedModel);
        Assert.Equal(Menshen.Core.Routing.EndpointKind.ChatCompletions, recorded.Endpoint);
    }

    [Theory]
    [InlineData("Authorization", "Bearer gw-main-token", "default")]
    [InlineData("x-api-key", "gw-ci-token", "ci-bot")]
    [InlineData("api-key", "gw-main-token", "default")]
    public async Task Each_token_header_is_accepted_and_its_key_name_recorded(string header, string value, string key)
    {
        await using var env = await WithAuth();

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(key, (await env.Sink.NextAsync()).ClientKey);
        Assert.Equal("Bearer sk-upstream-secret", env.Sim.Requests.Single().Headers["authorization"]);
    }

    [Fact]
    public async Task With_gateway_auth_an_empty_provider_key_sends_no_credential()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, apiKey: "")).WithAuth("gw-main-token"));

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", "gw-main-token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(env.Sim.Requests.Single().Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Dashboard_routes_need_basic_auth()
    {
        await using var env = await WithAuth();

        using var anonymous = await env.Client.GetAsync("/__report/summary");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__report/summary");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:wrong")));
        using var wrong = await env.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic realm=\"ai-menshen\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        await OpenAiError.AssertShapeAsync(anonymous);
    }

    [Fact]
    public async Task Healthz_needs_no_auth()
    {
        await using var env = await WithAuth();

        using var response = await env.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
