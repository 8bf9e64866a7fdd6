using System.Text.Json;
using Menshen.Core.Routing;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Hygiene;

/// Items 1, 2 and 7 of issue 13: path tricks, sent over a raw socket so nothing normalises them.
/// The second ("evil") upstream is never configured: it must receive nothing, ever.
public sealed class PathTrickTests : IAsyncLifetime
{
    private const string Chat =
        """{"model":"client-model","messages":[{"role":"user","content":"hi"}]}""";

    private SimulatorServer _evil = null!;
    private TestEnv _env = null!;

    public async Task InitializeAsync()
    {
        _evil = await SimulatorServer.StartAsync();
        _env = await TestEnv.StartAsync(configure: sims => TestConfigs.With(
            TestConfigs.Provider("sim", sims[0].BaseUrl, model: "forced-model")), reports: true);
    }

    public async Task DisposeAsync()
    {
        Assert.Equal(0, _evil.RequestCount);
        await _env.DisposeAsync();
        await _evil.DisposeAsync();
    }

    [Theory]
    [InlineData("/v1/%252e%252e/echo/headers")]
    [InlineData("/v1/%252e%252e/x")]
    [InlineData("/v1/x/%252e%252e/chat/completions")]
    [InlineData("/v1/%2e%2e/echo/headers")]
    [InlineData("/v1/../echo/headers")]
    [InlineData("/v1/%2E%2E%2Fecho/headers")]
    [InlineData("/v1/models/%252fx")]
    [InlineData("/v1/a%5c..%5cecho")]
    [InlineData("/v1/models/%0D%0A")]
    public async Task Dot_segments_and_double_encoding_get_400_and_are_never_proxied(string path)
    {
        var answer = await SendAsync(
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1");

        Assert.Equal(400, answer.Status);
        Assert.Contains("Refused path", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-upstream-secret", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    [Theory]
    [InlineData("/v1//chat/completions")]
    [InlineData("//chat/completions")]
    [InlineData("/v1/chat//completions")]
    [InlineData("/v1/chat%2Fcompletions")]
    public async Task Doubled_slashes_reach_the_chat_endpoint_with_override_and_audit(string path)
    {
        var answer = await SendAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {Chat.Length}", Chat);

        Assert.Equal(200, answer.Status);
        var sent = Assert.Single(_env.Sim.Requests);
        Assert.Equal("/v1/chat/completions", sent.PathAndQuery);
        var model = JsonDocument.Parse(sent.BodyText).RootElement.GetProperty("model").GetString();
        Assert.Equal("forced-model", model);
        var exchange = await _env.Sink.NextAsync();
        Assert.Equal(EndpointKind.ChatCompletions, exchange.Endpoint);
        Assert.NotNull(exchange.Usage);
    }

    [Fact]
    public async Task An_absolute_form_target_never_chooses_the_upstream()
    {
        var evil = _evil.RootUrl.Authority;

        var answer = await SendAsync(
            $"GET http://{evil}/v1/models HTTP/1.1\r\nHost: {evil}");

        Assert.Equal(200, answer.Status);
        Assert.Equal("/v1/models", Assert.Single(_env.Sim.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData("//__report/summary", 200)]
    [InlineData("/__report//summary", 200)]
    [InlineData("/__REPORT/summary", 404)]
    [InlineData("/__Report/logs", 404)]
    [InlineData("/METRICS", 404)]
    [InlineData("/HEALTHZ", 404)]
    [InlineData("/ASSETS/index.js", 404)]
    [InlineData("/Index.html", 404)]
    [InlineData("/v1/__report/summary", 404)]
    public async Task Report_routes_are_answered_locally_in_any_spelling(string path, int status)
    {
        var answer = await SendAsync($"GET {path} HTTP/1.1\r\nHost: localhost");

        Assert.Equal(status, answer.Status);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    private Task<RawHttp.Answer> SendAsync(string head, string body = "") =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);

    private Task<RawHttp.Answer> SendAsync(string head, byte[] body) =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);
}
