using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// Refusals made before a request reaches the Messages endpoint (the Host and Origin checks, a
/// refused path or header value) and the errors of Anthropic clients' passthrough requests are
/// Anthropic-shaped too: its SDKs and Claude Code read `error.type` and `error.message` from that
/// shape only. A request is an Anthropic client's by its path or by `anthropic-version`, which
/// they always send.
public sealed class AnthropicRefusalTests : IAsyncLifetime
{
    private const string Version = "anthropic-version: 2023-06-01";
    private TestEnv _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync(adjust: c => c with
    {
        Server = c.Server with { AllowedHosts = ["gateway.lan"] },
    });

    public async Task DisposeAsync()
    {
        Assert.Equal(0, _env.Sim.RequestCount);
        await _env.DisposeAsync();
    }

    [Theory]
    [InlineData("POST /v1/messages HTTP/1.1\r\nHost: attacker.example", 403, "permission_error")]
    [InlineData("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://attacker.example",
        403, "permission_error")]
    [InlineData("POST /v1/%2e%2e/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Version, 400,
        "invalid_request_error")]
    [InlineData("POST /v1/models/%0D%0A HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Version, 400,
        "invalid_request_error")]
    public async Task A_refusal_before_the_endpoint_is_anthropic_shaped(string head, int status,
        string type)
    {
        var answer = await SendAsync(head);

        Assert.Equal(status, answer.Status);
        Assert.Equal(type, ErrorOf(answer.Body).Type);
    }

    [Fact]
    public async Task A_header_value_that_cannot_be_forwarded_is_an_anthropic_shaped_400()
    {
        var answer = await SendAsync(
            "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-note: caf\u00e9");

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request_error", ErrorOf(answer.Body).Type);
    }

    private Task<RawHttp.Answer> SendAsync(string head) => RawHttp.SendAsync(
        _env.Gateway.BaseAddress,
        $"{head}\r\nContent-Type: application/json\r\nContent-Length: {Hello.Length}", Hello);

    [Fact]
    public async Task A_passthrough_request_of_an_anthropic_client_gets_anthropic_errors()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Providers = [c.Providers[0] with { BaseUrl = new Uri("http://127.0.0.1:9/v1") }],
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/messages/batches");
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await env.Client.SendAsync(request);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("api_error", ErrorOf(await response.Content.ReadAsStringAsync()).Type);
    }
}
