using System.Net;
using System.Text;
using Menshen.Core.Exchanges;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// Upstream answers no well-behaved server sends, as a black-box probe sent them: two framings,
/// two lengths, redirects, and 200s that are failures. None may lose the audit row, reach a host
/// the config does not name, or be stored as a replayable answer.
public class HostileUpstreamTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private const string Answer =
        """{"id":"x","object":"chat.completion","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""";

    private static string Chunked(string body) =>
        $"{Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n";

    [Theory]
    // RFC 9112 §6.3: with Transfer-Encoding, Content-Length is ignored.
    [InlineData("Transfer-Encoding: chunked\nContent-Length: 5", true)]
    // RFC 9110 §8.6: identical repeats are one length.
    [InlineData("Content-Length: {0}\nContent-Length: {0}", false)]
    [InlineData("Content-Length: {0}, {0}", false)]
    public async Task An_answer_with_two_framings_or_a_repeated_length_is_relayed_and_audited(
        string framing, bool chunked)
    {
        var body = chunked ? Chunked(Answer) : Answer;
        var headers = string.Format(System.Globalization.CultureInfo.InvariantCulture, framing,
            Encoding.UTF8.GetByteCount(Answer));
        await using var upstream = RawUpstream.Start(
            $"HTTP/1.1 200 OK\nContent-Type: application/json\n{headers}\n\n" + body);
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("odd", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var text = await response.Content.ReadAsStringAsync();
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Answer, text);
        Assert.Equal("odd", record.Provider);
        Assert.Equal(7, record.Usage?.TotalTokens);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_an_upstream_failure_never_relayed_to_the_client(int status)
    {
        // Relayed, the client's SDK followed it and sent the prompt to a host no config names.
        await using var upstream = RawUpstream.Start(
            $"HTTP/1.1 {status} Moved\nLocation: http://127.0.0.1:9/elsewhere/chat/completions\n"
            + "Content-Length: 0\n\n");
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("moved", upstream.BaseUrl),
                TestConfigs.Provider("sim", sims[0].BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(["moved", "sim"], record.Attempts.Select(a => a.Provider));
        Assert.Equal(status, record.Attempts[0].Status);
        Assert.Contains("redirect", record.Attempts[0].Error, StringComparison.Ordinal);
    }

    /// helper-83: a provider's proxy refusing the gateway's credentials reached the client as a
    /// bare 407 (its own proxy, it would think), recorded as the provider's answer, no failover.
    [Fact]
    public async Task A_proxy_s_407_is_an_upstream_failure_never_relayed_to_the_client()
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=\"p\"\n"
            + "Content-Length: 0\n\n");
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("behind-proxy", upstream.BaseUrl),
                TestConfigs.Provider("sim", sims[0].BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["behind-proxy", "sim"], record.Attempts.Select(a => a.Provider));
        Assert.Contains("proxy", record.Attempts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_from_the_only_provider_is_a_502_without_its_location()
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 307 Temporary Redirect\nLocation: http://127.0.0.1:9/x\nContent-Length: 0\n\n");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("moved", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var message = await OpenAiError.AssertShapeAsync(response);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("(1 provider tried: upstream answered 307, a redirect", message,
            StringComparison.Ordinal);
        Assert.Equal(502, record.Status);
    }

    [Theory]
    [InlineData("application/json", """{"id":"x","choices":[""", NoteKind.UpstreamIncomplete)]
    [InlineData("application/json", "", NoteKind.UpstreamIncomplete)]
    [InlineData("text/html", "<html>maintenance</html>", NoteKind.UpstreamIncomplete)]
    // OpenRouter, once a model has started, and some relays: a 200 whose body is the error.
    [InlineData("application/json", """{"error":{"code":502,"message":"provider down"}}""",
        NoteKind.UpstreamErrorEvent)]
    [InlineData("text/event-stream",
        "data: {\"error\":{\"message\":\"boom mid stream\"}}\n\ndata: [DONE]\n\n",
        NoteKind.UpstreamErrorEvent)]
    [InlineData("text/event-stream",
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
        NoteKind.UpstreamIncomplete)]
    public async Task A_200_that_is_no_answer_is_never_replayed_and_is_recorded_as_an_error(
        string contentType, string body, NoteKind expected)
    {
        await using var upstream = RawUpstream.Start(
            $"HTTP/1.1 200 OK\nContent-Type: {contentType}\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\n\n{body}");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("odd", upstream.BaseUrl))
                .WithCache());
        var request = contentType == "text/event-stream"
            ? """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""" : Chat;

        string[] seen = new string[2];
        for (var i = 0; i < 2; i++)
        {
            using var response = await env.PostAsync("/v1/chat/completions", request);
            await response.Content.ReadAsByteArrayAsync();
            seen[i] = response.Headers.GetValues("X-Cache").Single();
        }
        var first = await env.Sink.NextAsync();

        Assert.Equal(["MISS", "MISS"], seen);
        Assert.Equal(2, upstream.Heads.Count);
        Assert.False(first.CacheEligible);
        Assert.Equal(expected, first.Note.Kind);
    }

    // helper-54: a server that frames its body by closing the connection (HTTP/1.0 servers,
    // Python's http.server, some proxies) and dies mid-answer. The gateway re-framed the bytes it
    // had with a clean chunked end, so the client took half an answer for a whole one. A whole
    // answer framed the same way still ends cleanly; helper-56: so does one that ends with an
    // error event (it was cut, its error lost), and `Transfer-Encoding: identity` is framed by
    // the close too.
    [Theory]
    [InlineData("application/json", "", """{"id":"x","choices":[{"message":{"content":"Hel""",
        true, NoteKind.UpstreamFailedMidStream)]
    [InlineData("application/json", "Transfer-Encoding: identity\n",
        """{"id":"x","choices":[{"message":{"content":"Hel""", true, NoteKind.UpstreamFailedMidStream)]
    [InlineData("text/event-stream", "",
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
        true, NoteKind.UpstreamFailedMidStream)]
    [InlineData("application/json", "", Answer, false, NoteKind.None)]
    [InlineData("text/event-stream", "",
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n", false, NoteKind.None)]
    [InlineData("text/event-stream", "",
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"error\":{\"message\":\"model overloaded\"}}\n\n", false,
        NoteKind.UpstreamErrorEvent)]
    [InlineData("text/plain", "", "data: [DONE]\n\n", false, NoteKind.UpstreamIncomplete)]
    public async Task A_close_delimited_answer_is_cut_for_the_client_only_when_it_stopped_short(
        string contentType, string head, string body, bool stoppedShort, NoteKind note)
    {
        await using var upstream = RawUpstream.Start(
            $"HTTP/1.1 200 OK\nContent-Type: {contentType}\n{head}Connection: close\n\n{body}");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("closing", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", RequestFor(contentType),
            completion: HttpCompletionOption.ResponseHeadersRead);
        var (_, cut) = await SseReader.ReadUntilEndOrCutAsync(response);
        var record = await env.Sink.NextAsync();

        Assert.Equal(stoppedShort, cut);
        Assert.Equal(note, record.Note.Kind);
    }

    [Fact]
    public async Task A_close_delimited_204_is_no_failure()
    {
        await using var upstream = RawUpstream.Start("HTTP/1.1 204 No Content\nConnection: close\n\n");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("empty", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotEqual(NoteKind.UpstreamFailedMidStream, record.Note.Kind);
    }

    private static string RequestFor(string contentType) => contentType == "text/event-stream"
        ? """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""" : Chat;

    // A server that ends its chat stream without [DONE] (older TGI, llama.cpp forks) answered:
    // no error note, though only the end marker makes a stream replayable (SPEC §7).
    [Fact]
    public async Task A_stream_whose_choices_finished_without_done_is_an_answer_not_stored()
    {
        const string body = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},"
            + "\"finish_reason\":\"stop\"}]}\n\n";
        await using var upstream = RawUpstream.Start("HTTP/1.1 200 OK\nContent-Type: text/event-stream\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\n\n{body}");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("old", upstream.BaseUrl))
                .WithCache());

        using var response = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        await response.Content.ReadAsByteArrayAsync();
        var record = await env.Sink.NextAsync();

        Assert.Equal((NoteKind.None, false), (record.Note.Kind, record.CacheEligible));
    }

    // A download sent on to storage carries no prompt: relayed. Anything else is refused.
    [Theory]
    [InlineData("GET", HttpStatusCode.Found)]
    [InlineData("POST", HttpStatusCode.BadGateway)]
    public async Task A_passed_through_redirect_is_relayed_only_for_a_read(
        string method, HttpStatusCode expected)
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 302 Found\nLocation: https://storage.example/f\nContent-Length: 0\n\n");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("files", upstream.BaseUrl)));
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = env.Client.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), "/v1/files/file-1/content");
        if (method == "POST") request.Content = TestEnv.Json("{}");

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(method == "GET", response.Headers.Location is not null);
    }

    // An upstream's page opened in a browser would run on the gateway's origin, beside the
    // report API: it gets the gateway's sandbox, and none of the upstream's origin-wide orders.
    [Fact]
    public async Task An_upstream_page_is_sandboxed_and_its_origin_wide_headers_are_dropped()
    {
        const string Page = "<script>fetch('/__report/logs')</script>";
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Security-Policy: script-src *\n"
            + "Clear-Site-Data: \"*\"\nRefresh: 0; url=http://127.0.0.1:9/\n"
            + "X-Content-Type-Options: none\nX-Upstream-Own: yes\n"
            + string.Concat(OriginWide.Select(h => h + "\n"))
            + $"Content-Length: {Page.Length}\n\n{Page}");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("files", upstream.BaseUrl)));

        using var response = await env.Client.GetAsync("/v1/files/f/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Page, await response.Content.ReadAsStringAsync());
        Assert.Equal(["sandbox"], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
        Assert.False(response.Headers.Contains("Refresh"));
        Assert.All(OriginWide, h => Assert.False(response.Headers.Contains(h.Split(':')[0]), h));
        Assert.Equal("yes", response.Headers.GetValues("X-Upstream-Own").Single());
    }

    // helper-62: each applies to the whole origin (reports of its traffic sent elsewhere, a
    // forced HTTPS, a service worker's scope, embedding and opener rules, a login prompt).
    private static readonly string[] OriginWide =
    [
        "NEL: {\"report_to\":\"evil\",\"max_age\":9999999}",
        "Report-To: {\"group\":\"evil\",\"endpoints\":[{\"url\":\"http://127.0.0.1:9/\"}]}",
        "Reporting-Endpoints: evil=\"http://127.0.0.1:9/\"",
        "Strict-Transport-Security: max-age=31536000",
        "Service-Worker-Allowed: /",
        "Origin-Agent-Cluster: ?0",
        "Permissions-Policy: camera=*",
        "Cross-Origin-Opener-Policy: unsafe-none",
        "Cross-Origin-Embedder-Policy: unsafe-none",
        "Cross-Origin-Resource-Policy: cross-origin",
        "X-Frame-Options: ALLOWALL",
        "WWW-Authenticate: Basic realm=\"evil\"",
        // helper-63: Chromium keeps client hints per origin; the rest act on the whole page.
        "Accept-CH: Sec-CH-UA-Full-Version-List",
        "Critical-CH: Sec-CH-UA-Model",
        "Speculation-Rules: \"/rules.json\"",
        "Supports-Loading-Mode: credentialed-prerender",
        "Document-Policy: force-load-at-top",
        "Timing-Allow-Origin: *",
    ];

    // Kestrel refuses such a value; it threw out of the relay as a 500 that lost the attempt.
    [Theory]
    [InlineData("Content-Disposition: attachment; filename=\"r\u00e9sum\u00e9.json\"")]
    [InlineData("X-Odd: a\u0001b")]
    public async Task An_upstream_header_the_client_may_not_get_is_dropped_not_a_500(
        string header)
    {
        await using var upstream = RawUpstream.Start(
            $"HTTP/1.1 200 OK\nContent-Type: application/json\n{header}\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(Answer)}\n\n{Answer}");
        await using var env = await TestEnv.StartAsync(simulators: 0,
            configure: _ => TestConfigs.With(TestConfigs.Provider("odd", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var text = await response.Content.ReadAsStringAsync();
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Answer, text);
        Assert.Equal("odd", record.Provider);
        Assert.Equal([200], record.Attempts.Select(a => a.Status));
        Assert.Equal(7, record.Usage?.TotalTokens);
    }

    // The gateway asks for no upgrade; relayed, the 101 handed the client a raw socket and the
    // audit called it a success.
    [Fact]
    public async Task A_switching_protocols_answer_is_an_upstream_failure_never_relayed()
    {
        await using var upstream = RawUpstream.Start(
            "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n\n"
            + "raw bytes");
        await using var env = await TestEnv.StartAsync(simulators: 1, drawTicket: _ => 0,
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("upgrading", upstream.BaseUrl),
                TestConfigs.Provider("sim", sims[0].BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["upgrading", "sim"], record.Attempts.Select(a => a.Provider));
        Assert.Equal(101, record.Attempts[0].Status);
        Assert.Contains("interim status", record.Attempts[0].Error, StringComparison.Ordinal);
    }
}
