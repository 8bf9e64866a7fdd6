using Menshen.Shell.Tests.Support;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Hygiene;

/// Items 6 and 8 of issue 13: DNS rebinding (Host), cross-site requests (Origin), CORS, and the
/// report API's headers. Auth is off, the default: these checks are all that stands in the way.
public sealed class HostAndOriginTests : IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
    private const string Listed = "http://localhost:3000";

    private SimulatorServer _evil = null!;
    private TestEnv _env = null!;

    public async Task InitializeAsync()
    {
        _evil = await SimulatorServer.StartAsync();
        _env = await TestEnv.StartAsync(configure: sims => TestEnv.DefaultConfig(sims) with
        {
            Server = TestConfigs.With().Server with
            {
                AllowedHosts = ["gateway.lan"],
                CorsOrigins = [Listed],
            },
        }, reports: true);
    }

    public async Task DisposeAsync()
    {
        Assert.Equal(0, _evil.RequestCount);
        await _env.DisposeAsync();
        await _evil.DisposeAsync();
    }

    [Theory]
    [InlineData("GET /__report/summary", "attacker.example")]
    [InlineData("GET /__report/logs", "attacker.example:8080")]
    [InlineData("GET /v1/models", "127.0.0.1.nip.io")]
    [InlineData("GET /", "localhost.attacker.example")]
    public async Task A_rebound_host_name_gets_403_naming_allowed_hosts(
        string requestLine, string host)
    {
        var answer = await SendAsync($"{requestLine} HTTP/1.1\r\nHost: {host}");

        Assert.Equal(403, answer.Status);
        Assert.Contains("allowed_hosts", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    [Theory]
    [InlineData("gateway.lan")]
    [InlineData("GATEWAY.LAN:8080")]
    [InlineData("app.localhost")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]:8080")]
    public async Task Loopback_and_listed_host_names_are_answered(string host)
    {
        var answer = await SendAsync($"GET /v1/models HTTP/1.1\r\nHost: {host}");

        Assert.Equal(200, answer.Status);
    }

    [Theory]
    [InlineData("GET /__report/summary")]
    [InlineData("POST /v1/chat/completions")]
    [InlineData("POST /v1/files")]
    public async Task A_foreign_page_gets_403_on_every_route_even_text_plain(string requestLine)
    {
        var answer = await SendAsync(
            $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://attacker.example\r\n"
            + $"Content-Type: text/plain\r\nContent-Length: {Chat.Length}", Chat);

        Assert.Equal(403, answer.Status);
        Assert.Contains("cors_origins", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
        // Recorded under its audit id, as every answer: no provider asked.
        var record = await _env.Sink.NextAsync();
        Assert.Equal(answer.Header("X-Request-Id"),
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((403, 0), (record.Status, record.Attempts.Length));
    }

    [Fact]
    public async Task A_listed_origin_gets_its_preflight_answered_locally()
    {
        var answer = await SendAsync(
            $"OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {Listed}\r\n"
            + "Access-Control-Request-Method: POST\r\n"
            + "Access-Control-Request-Headers: content-type");

        Assert.Equal(204, answer.Status);
        Assert.Equal(Listed, answer.Header("Access-Control-Allow-Origin"));
        Assert.Contains(
            "POST", answer.Header("Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    [Fact]
    public async Task Upstream_cors_headers_are_never_relayed_and_a_listed_origin_gets_its_own()
    {
        var plain = await SendAsync("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1");
        var listed = await SendAsync(
            $"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {Listed}");

        Assert.Equal("*", await SimulatorAllowOriginAsync());
        Assert.Null(plain.Header("Access-Control-Allow-Origin"));
        Assert.Equal(Listed, listed.Header("Access-Control-Allow-Origin"));
        // A browser client may read the audit id, the cache state and the retry advice.
        var exposed = listed.Header("Access-Control-Expose-Headers") ?? "";
        Assert.Contains("X-Request-Id", exposed, StringComparison.Ordinal);
        Assert.Contains("X-Cache", exposed, StringComparison.Ordinal);
        Assert.Null(plain.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task The_gateway_own_origin_is_answered()
    {
        var own = $"http://{_env.Gateway.BaseAddress.Authority}";

        var answer = await SendAsync(
            $"GET /__report/summary HTTP/1.1\r\n"
            + $"Host: {_env.Gateway.BaseAddress.Authority}\r\nOrigin: {own}");

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task Report_answers_carry_nosniff_and_no_store()
    {
        var answer = await SendAsync("GET /__report/summary HTTP/1.1\r\nHost: localhost");

        Assert.Equal(200, answer.Status);
        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        Assert.Equal("no-store", answer.Header("Cache-Control"));
    }

    // A navigation (or an image, a script tag) carries no Origin: only the browser's
    // Sec-Fetch-Site says another site sent it. Its answer would run on the gateway's origin.
    [Theory]
    [InlineData("GET /v1/files/f/content", "cross-site")]
    [InlineData("GET /v1/models", "same-site")]
    [InlineData("POST /v1/chat/completions", "cross-site")]
    public async Task A_page_on_another_site_that_navigates_to_a_proxied_path_gets_403(
        string requestLine, string site)
    {
        var answer = await SendAsync(
            $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: {site}\r\n"
            + $"Sec-Fetch-Mode: navigate\r\nContent-Length: {Chat.Length}", Chat);

        Assert.Equal(403, answer.Status);
        Assert.Contains("cors_origins", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, _env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_listed_origin_on_another_site_and_the_user_s_own_tab_are_served()
    {
        var listed = await SendAsync(
            $"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {Listed}\r\n"
            + $"Sec-Fetch-Site: same-site\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {Chat.Length}", Chat);
        var typed = await SendAsync(
            "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: none");

        Assert.Equal((200, 200), (listed.Status, typed.Status));
    }

    // Another local web app's UTF-8 cookie is sent to every localhost port; local routes forward
    // no header, so it must not lock the user out of the dashboard, the reports or /healthz.
    [Theory]
    [InlineData("GET /")]
    [InlineData("GET /__report/summary")]
    [InlineData("GET /healthz")]
    public async Task Local_routes_are_served_whatever_a_cookie_holds(string requestLine)
    {
        var answer = await SendAsync(
            $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: name=J\u00e9r\u00f4me\r\n"
            + "Sec-Fetch-Site: cross-site");

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task A_proxied_path_still_refuses_a_header_it_cannot_forward()
    {
        var answer = await SendAsync(
            "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Title: J\u00e9r\u00f4me");

        Assert.Equal(400, answer.Status);
        Assert.Contains("X-Title", answer.Body, StringComparison.Ordinal);
    }

    /// helper-82: a browser's Origin reached the provider (Anthropic answers such a request 401,
    /// and each 401 counted against the provider's health), and so did its Referer and `Sec-`
    /// headers; a UTF-8 cookie, never forwarded, refused the request.
    [Fact]
    public async Task A_browser_s_own_headers_are_not_forwarded_nor_checked()
    {
        var answer = await SendAsync(
            $"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {Listed}\r\n"
            + "Referer: http://localhost:3000/chat?draft=secret\r\nSec-Fetch-Site: same-site\r\n"
            + "Sec-Fetch-Mode: cors\r\nsec-ch-ua: \"Chromium\";v=\"131\"\r\n"
            + "Cookie: name=J\u00e9r\u00f4me\r\nX-Title: my-app\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {Chat.Length}", Chat);

        Assert.Equal(200, answer.Status);
        var forwarded = _env.Sim.Requests.Single().Headers;
        Assert.DoesNotContain(forwarded.Keys, name => name.StartsWith("Sec-",
            StringComparison.OrdinalIgnoreCase) || name is "Origin" or "Referer" or "Cookie");
        Assert.Equal("my-app", forwarded["X-Title"]);
    }

    [Fact]
    public async Task Every_proxied_answer_is_sandboxed_and_typed_for_browsers()
    {
        var answer = await SendAsync("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1");

        Assert.Equal(200, answer.Status);
        Assert.Equal("sandbox", answer.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
    }

    // The simulator does send `Access-Control-Allow-Origin: *`: the test above is not vacuous.
    private async Task<string?> SimulatorAllowOriginAsync()
    {
        var answer = await RawHttp.SendAsync(
            _env.Sim.RootUrl, "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1");
        return answer.Header("Access-Control-Allow-Origin");
    }

    private Task<RawHttp.Answer> SendAsync(string head, string body = "") =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);

    private Task<RawHttp.Answer> SendAsync(string head, byte[] body) =>
        RawHttp.SendAsync(_env.Gateway.BaseAddress, head, body);
}
