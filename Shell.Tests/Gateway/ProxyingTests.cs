using System.Net;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

public class ProxyingTests
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi there"}]}""";

    [Fact]
    public async Task Provider_key_is_injected_and_client_credentials_never_reach_upstream()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat, h =>
        {
            h.Authorization = new("Bearer", "sk-client-own");
            h.Add("x-api-key", "client-x");
            h.Add("api-key", "client-api");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = env.Sim.Requests.Single().Headers;
        Assert.Equal("Bearer sk-upstream-secret", seen["authorization"]);
        Assert.False(seen.ContainsKey("x-api-key"));
        Assert.False(seen.ContainsKey("api-key"));
    }

    [Fact]
    public async Task Empty_api_key_without_gateway_auth_forwards_the_client_key()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestConfigs.With(TestConfigs.Provider("sim", sims[0].BaseUrl, apiKey: "")));

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.Authorization = new("Bearer", "sk-client-own"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer sk-client-own", env.Sim.Requests.Single().Headers["authorization"]);
    }

    [Fact]
    public async Task Provider_headers_are_sent_and_override_authorization()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, headers:
                [new HeaderValue("api-key", "azure-key"), new HeaderValue("Authorization", "Custom xyz")])));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        var seen = env.Sim.Requests.Single().Headers;
        Assert.Equal("azure-key", seen["api-key"]);
        Assert.Equal("Custom xyz", seen["authorization"]);
    }

    [Fact]
    public async Task Model_override_changes_only_the_model_bytes()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestConfigs.With(TestConfigs.Provider("sim", sims[0].BaseUrl, model: "forced-model")));
        const string body = """{ "seed": 12345678901234567890, "model" : "gpt-4o", "zeta": {"model":"inner"}, "messages":[{"role":"user","content":"x"}], "temperature": 1.50 }""";

        using var response = await env.PostAsync("/v1/chat/completions", body);

        var expected = body.Replace("\"gpt-4o\"", "\"forced-model\"", StringComparison.Ordinal);
        Assert.Equal(expected, env.Sim.Requests.Single().BodyText);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal("gpt-4o", exchange.RequestedModel);
        Assert.Equal("forced-model", exchange.EffectiveModel);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/chat/completions")]
    public async Task V1_prefix_is_optional_and_never_doubled_upstream(string path)
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync(path, Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/chat/completions", env.Sim.Requests.Single().PathAndQuery);
        Assert.Equal(Core.Routing.EndpointKind.ChatCompletions, (await env.Sink.NextAsync()).Endpoint);
    }

    [Fact]
    public async Task Base_url_query_is_kept_and_merged_with_the_client_query()
    {
        await using var env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("azure", new Uri(sims[0].BaseUrl + "?api-version=2024-06-01"))));

        using var response = await env.PostAsync(
            "/v1/chat/completions?api-version=2099-01-01&trace=1", Chat);

        // The client's api-version is dropped: base_url's is the one the upstream reads.
        Assert.Equal("/v1/chat/completions?api-version=2024-06-01&trace=1", env.Sim.Requests.Single().PathAndQuery);
    }

    // Azure refuses stream_options before api-version 2024-08-01 (the simulator does too): the
    // gateway asking for usage there failed every stream the client would have had directly.
    [Theory]
    [InlineData("?api-version=2024-06-01", "", false)]
    [InlineData("", "?api-version=2024-02-01", false)]
    [InlineData("?api-version=2024-10-21", "", true)]
    public async Task A_stream_asks_for_usage_only_where_the_api_version_takes_it(
        string baseQuery, string clientQuery, bool asked)
    {
        await using var env = await TestEnv.StartAsync(audit: true, configure: sims =>
            TestConfigs.With(TestConfigs.Provider("azure", new Uri(sims[0].BaseUrl + baseQuery))));

        using var response = await env.PostAsync("/v1/chat/completions" + clientQuery,
            """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Equal(asked, env.Sim.Requests.Single().BodyText.Contains(
            "\"stream_options\"", StringComparison.Ordinal));
        var record = await env.Sink.NextAsync();
        Assert.Equal(200, record.Status);
        Assert.Equal(asked, record.Usage is not null);
    }

    [Fact]
    public async Task The_client_s_cookies_never_reach_the_upstream()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            headers: h => h.Add("Cookie", "jupyter-token=local-secret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(env.Sim.Requests.Single().Headers.ContainsKey("Cookie"));
    }

    [Fact]
    public async Task Headers_named_in_connection_never_reach_the_upstream()
    {
        await using var env = await TestEnv.StartAsync();

        // Only names: Kestrel replaces a Connection value that also says `close` or
        // `keep-alive` by that keyword alone, so such a list never reaches the gateway.
        using var response = await env.PostAsync("/v1/chat/completions", Chat, headers: h =>
        {
            h.Connection.Add("x-keepme");
            h.Add("x-keepme", "1");
            h.Add("x-other", "2");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = env.Sim.Requests.Single().Headers;
        Assert.False(sent.ContainsKey("x-keepme"), string.Join(", ", sent.Keys));
        Assert.Equal("2", sent["x-other"]);
    }

    [Fact]
    public async Task Every_response_carries_the_audit_id_as_x_request_id()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", Chat);

        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal((await env.Sink.NextAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), id);
    }

    [Fact]
    public async Task Passthrough_streams_the_body_both_ways_with_one_provider()
    {
        await using var env = await TestEnv.StartAsync();
        var payload = new string('x', 200_000);

        using var response = await env.Client.PostAsync("/v1/echo",
            new StringContent(payload, Encoding.UTF8, "text/plain"));

        Assert.Equal(payload, await response.Content.ReadAsStringAsync());
        var exchange = await env.Sink.NextAsync();
        Assert.Equal(Core.Routing.EndpointKind.Passthrough, exchange.Endpoint);
        Assert.Equal(200_000, exchange.RequestBytes);
        Assert.Equal(200, exchange.Status);
    }

    /// helper-85: stored chat completions listed with GET (and any method but POST on an
    /// understood path) went into the reports as chat completions.
    [Theory]
    [InlineData("GET", "/v1/chat/completions?limit=3")]
    [InlineData("DELETE", "/v1/embeddings")]
    [InlineData("GET", "/v1/messages")]
    public async Task Another_method_on_an_understood_path_is_recorded_as_passthrough(
        string method, string path)
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.Client.SendAsync(new HttpRequestMessage(
            new HttpMethod(method), path));

        Assert.Equal(Core.Routing.EndpointKind.Passthrough, (await env.Sink.NextAsync()).Endpoint);
        Assert.Equal(method, env.Sim.Requests.Single().Method);
    }

    [Fact]
    public async Task Models_list_is_passed_through_and_recorded()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.Client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"data\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/v1/models", (await env.Sink.NextAsync()).Path);
    }

    [Theory]
    [InlineData("{not json", "invalid start of a property name")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"model\":\"m\"} {}", "invalid after a single JSON value")]
    public async Task Malformed_json_on_an_understood_endpoint_is_a_400_in_openai_shape_that_says_why(string body, string reason)
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await OpenAiError.AssertShapeAsync(response), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_json_body_with_invalid_utf8_is_a_400_that_says_so()
    {
        await using var env = await TestEnv.StartAsync();
        using var content = new ByteArrayContent([.. "{\"model\":\"a"u8, 0xC3, 0x28, .. "\",\"messages\":[]}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await env.Client.PostAsync("/v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await OpenAiError.AssertShapeAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Healthz_answers_locally()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.Client.GetAsync("/healthz");

        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Unknown_report_route_is_404_and_never_proxied()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await env.Client.GetAsync("/__report/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, env.Sim.RequestCount);
    }
}
