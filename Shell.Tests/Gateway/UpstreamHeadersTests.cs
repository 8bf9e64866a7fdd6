using System.Net;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// What reaches the client of an upstream's own headers, and what reaches the upstream of the
/// client's credential, against an upstream that answers like OpenAI or Azure do.
public class UpstreamHeadersTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        """{"id":"x","object":"chat.completion","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");

    [Theory]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("GET", "/v1/files")]
    public async Task The_clients_request_id_is_the_audit_id_and_the_upstreams_goes_beside_it(
        string method, string path)
    {
        // OpenAI and Azure answer every request with their own x-request-id.
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json",
            headers: new Dictionary<string, string> { ["x-request-id"] = "req_upstream123" });
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("openai", upstream.BaseUrl)));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = TestEnv.Json(Chat);

        using var response = await env.Client.SendAsync(request);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("req_upstream123", response.Headers.GetValues("X-Upstream-Request-Id").Single());
    }

    [Fact]
    public async Task A_credential_in_the_providers_headers_keeps_the_clients_key_home()
    {
        // Azure set up with headers = { "api-key" = … } and no api_key, gateway auth off.
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("azure", upstream.BaseUrl, "")
                with { Headers = [new HeaderValue("api-key", "az-secret")] }));

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.Authorization = new("Bearer", "sk-clients-own-openai-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("az-secret", upstream.LastRequestHeaders["api-key"]);
        Assert.False(upstream.LastRequestHeaders.ContainsKey("authorization"));
    }

    // helper-58: `headers = { "User-Agent" = "" }` removed only the gateway's own header; the
    // client's went on. A set header replaces the client's too (one value, not two).
    [Fact]
    public async Task A_provider_header_set_empty_removes_the_clients_and_a_set_one_replaces_it()
    {
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("openai", upstream.BaseUrl)
                with { Headers = [new("User-Agent", ""), new("x-drop", ""), new("x-team", "a")] }));

        using var response = await env.PostAsync("/v1/chat/completions", Chat, h =>
        {
            h.Add("User-Agent", "client-agent/1.0");
            h.Add("X-Drop", "client-value");
            h.Add("x-team", "client-team");
            h.Add("x-kept", "kept");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(upstream.LastRequestHeaders.ContainsKey("user-agent"));
        Assert.False(upstream.LastRequestHeaders.ContainsKey("x-drop"));
        Assert.Equal("a", upstream.LastRequestHeaders["x-team"]);
        Assert.Equal("kept", upstream.LastRequestHeaders["x-kept"]);
    }

    // helper-59: a provider's Content-Type made every request through it a 500 (.NET's "Misused
    // header name": a content header set among the request's), with no failover. It is set on
    // the body; a request without one (a GET) has nothing to set it on.
    [Theory]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("GET", "/v1/files")]
    public async Task A_provider_content_header_is_set_on_the_body(string method, string path)
    {
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("openai", upstream.BaseUrl)
                with { Headers = [new("Content-Type", "application/json; charset=utf-8"),
                    new("content-language", "en")] }));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = TestEnv.Json(Chat);

        using var response = await env.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method == "POST" ? "application/json; charset=utf-8" : null,
            upstream.LastRequestHeaders.GetValueOrDefault("content-type"));
        Assert.Equal(method == "POST" ? "en" : null,
            upstream.LastRequestHeaders.GetValueOrDefault("content-language"));
    }

    // helper-46: a client's OpenAI-Organization went on beside the operator's key, choosing
    // which organization of the operator's account paid. With its own key it still goes.
    [Theory]
    [InlineData("sk-operator", false)]
    [InlineData("", true)]
    public async Task The_clients_organization_goes_on_only_with_its_own_key(string apiKey,
        bool forwarded)
    {
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(
                TestConfigs.Provider("openai", upstream.BaseUrl, apiKey)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat, h =>
        {
            h.Authorization = new("Bearer", "sk-clients-own");
            h.Add("OpenAI-Organization", "org-ATTACKER");
            h.Add("OpenAI-Project", "proj_x");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(forwarded, upstream.LastRequestHeaders.ContainsKey("openai-organization"));
        Assert.Equal(forwarded, upstream.LastRequestHeaders.ContainsKey("openai-project"));
    }

    // Multipart uploads (audio, files) went upstream chunked, and an upstream that needs a
    // length answered 411. The client's own length goes on; its Expect was the gateway's.
    [Fact]
    public async Task A_passed_through_body_keeps_its_length_and_loses_the_expect()
    {
        await using var upstream = await FixedUpstream.StartAsync(Answer, "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("openai", upstream.BaseUrl)));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whisper-1"), "model" },
            { new ByteArrayContent(new byte[5000]), "file", "a.wav" },
        };
        var length = (await form.ReadAsByteArrayAsync()).Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/transcriptions")
        {
            Content = form,
        };
        request.Headers.ExpectContinue = true;

        using var response = await env.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            upstream.LastRequestHeaders["content-length"]);
        Assert.False(upstream.LastRequestHeaders.ContainsKey("transfer-encoding"));
        Assert.False(upstream.LastRequestHeaders.ContainsKey("expect"));
    }
}
