using System.Text;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Hygiene;

/// Items 3, 4 and 10 of issue 13: stray methods, errors named for what happened, WebSocket
/// upgrades. Raw sockets: an HTTP client would refuse to send most of these.
public sealed class MethodAndErrorTests : IAsyncLifetime
{
    private SimulatorServer _evil = null!;
    private TestEnv _env = null!;

    public async Task InitializeAsync()
    {
        _evil = await SimulatorServer.StartAsync();
        _env = await TestEnv.StartAsync(configure: sims => TestEnv.DefaultConfig(sims) with
        {
            Server = TestConfigs.With().Server with { MaxRequestBodyBytes = 1024 },
        });
    }

    public async Task DisposeAsync()
    {
        Assert.Equal(0, _evil.RequestCount);
        await _env.DisposeAsync();
        await _evil.DisposeAsync();
    }

    [Theory]
    [InlineData("TRACE /v1/models HTTP/1.1")]
    [InlineData("TRACK /v1/models HTTP/1.1")]
    [InlineData("PROPFIND /v1/models HTTP/1.1")]
    [InlineData("CONNECT /v1/models HTTP/1.1")]
    public async Task Methods_outside_the_list_get_405_and_are_never_forwarded(string requestLine)
    {
        var answer = await SendAsync($"{requestLine}\r\nHost: 127.0.0.1");

        Assert.Equal(405, answer.Status);
        Assert.Contains("OPTIONS", answer.Header("Allow") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
        await AssertRecordedAsync(answer, 405, "/v1/models");
    }

    [Fact]
    public async Task Connect_to_an_authority_is_refused_by_Kestrel_before_the_gateway()
    {
        var answer = await SendAsync("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: x");

        Assert.Equal(400, answer.Status);
        Assert.Equal(0, _env.Sim.RequestCount);
        Assert.Empty(_env.Sink.Exchanges);
    }

    [Fact]
    public async Task Passthrough_body_over_the_limit_gets_413_not_502()
    {
        var body = new string('x', 4096);

        var answer = await SendAsync(
            $"POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length}", body);

        Assert.Equal(413, answer.Status);
        Assert.Equal(0, _env.Sim.RequestCount);
        var exchange = await _env.Sink.NextAsync();
        Assert.Empty(exchange.Attempts);
    }

    [Fact]
    public async Task Chunked_passthrough_body_over_the_limit_gets_413_and_no_upstream_failure()
    {
        var chunk = new string('x', 2048);

        var answer = await SendAsync(
            "POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked",
            $"800\r\n{chunk}\r\n0\r\n\r\n");

        Assert.Equal(413, answer.Status);
        var exchange = await _env.Sink.NextAsync();
        Assert.Empty(exchange.Attempts);
        Assert.Null(exchange.Provider);
    }

    [Fact]
    public async Task Header_value_with_non_ascii_bytes_gets_400_naming_the_header()
    {
        var answer = await SendAsync(
            "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Title: café");

        Assert.Equal(400, answer.Status);
        Assert.Contains("X-Title", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    [Theory]
    [InlineData("/v1/chat/completions", "zz")]
    [InlineData("/v1/chat/completions", "-5")]
    [InlineData("/v1/chat/completions", "10000000000000000000")]
    [InlineData("/v1/files", "zz")]
    [InlineData("/v1/files", "10000000000000000000")]
    public async Task Malformed_chunk_sizes_get_400_not_408(string path, string size)
    {
        var answer = await SendAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked",
            Encoding.ASCII.GetBytes($"{size}\r\n{{}}\r\n0\r\n\r\n"));

        Assert.Equal(400, answer.Status);
        var exchange = await _env.Sink.NextAsync();
        Assert.Empty(exchange.Attempts);
    }

    [Fact]
    public async Task WebSocket_upgrade_gets_426_at_once_and_nothing_is_forwarded()
    {
        var answer = await SendAsync(
            "GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Authorization: Bearer sk-client");

        Assert.Equal(426, answer.Status);
        Assert.Equal(0, _env.Sim.RequestCount);
        var recorded = await AssertRecordedAsync(answer, 426, "/v1/responses");
        Assert.Equal(Core.Routing.EndpointKind.Passthrough, recorded.Endpoint);
    }

    // helper-41: these went to a provider as passthrough with its key, unrouted and uncounted;
    // an upstream matching paths without case, or dropping `;` parameters, serves them.
    [Theory]
    [InlineData("/v1/Chat/Completions", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions;x", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions%20", "/v1/chat/completions")]
    [InlineData("/v1/MESSAGES", "/v1/messages")]
    [InlineData("/v1/%EF%BD%83hat/completions", "/v1/chat/completions")]
    public async Task A_lookalike_of_an_endpoint_is_refused_and_reaches_no_provider(
        string path, string meant)
    {
        var answer = await SendAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json",
            """{"model":"o1-pro-expensive","messages":[]}""");

        Assert.Equal(400, answer.Status);
        Assert.Contains($"send {meant}", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
        var record = await _env.Sink.NextAsync();
        Assert.Equal(400, record.Status);
    }

    // Codex tries the WebSocket first on every run (helper-42): its 426 was recorded without
    // the client key the request carried, so the dashboard could not say whose it was.
    [Fact]
    public async Task A_refusal_carrying_a_valid_client_token_is_recorded_under_its_key()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithAuth("sk-default",
                new Core.Config.ClientKey("codex", "sk-codex-token")));

        var known = await RawHttp.SendAsync(env.Gateway.BaseAddress,
            "GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Authorization: Bearer sk-codex-token", "");
        var first = await env.Sink.NextAsync();
        var unknown = await RawHttp.SendAsync(env.Gateway.BaseAddress,
            "GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Authorization: Bearer sk-wrong", "");
        var second = await env.Sink.NextAsync();

        Assert.Equal((426, 426), (known.Status, unknown.Status));
        Assert.Equal(("codex", (string?)null), (first.ClientKey, second.ClientKey));
    }

    // Every answer carries its audit id (SPEC §3), a refusal before dispatch too; the query of a
    // refused path is not kept (it may hold a key).
    [Theory]
    [InlineData("GET /v1/%2e%2e/admin?api_key=sk-secret HTTP/1.1", 400, "/v1/%2e%2e/admin")]
    [InlineData("GET /v1/models?x=1 HTTP/1.1\r\nX-Title: caf\u00e9", 400, "/v1/models")]
    public async Task A_refusal_before_dispatch_is_recorded_under_its_audit_id(
        string head, int status, string path)
    {
        var answer = await SendAsync($"{head}\r\nHost: 127.0.0.1");

        Assert.Equal(status, answer.Status);
        Assert.Contains("\"error\"", answer.Body, StringComparison.Ordinal);
        await AssertRecordedAsync(answer, status, path);
    }

    private async Task<Core.Audit.Exchange> AssertRecordedAsync(RawHttp.Answer answer,
        int status, string path)
    {
        var record = await _env.Sink.NextAsync();
        Assert.Equal(answer.Header("X-Request-Id"),
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((status, path), (record.Status, record.Path));
        Assert.Empty(record.Attempts);
        Assert.Null(record.Provider);
        return record;
    }

    private Task<RawHttp.Answer> SendAsync(string head, string body = "") =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);

    private Task<RawHttp.Answer> SendAsync(string head, byte[] body) =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);
}
