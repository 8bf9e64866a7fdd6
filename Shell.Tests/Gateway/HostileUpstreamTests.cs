using System.Net;
using System.Text;
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
        Assert.Contains("moved: upstream answered 307", message, StringComparison.Ordinal);
        Assert.Equal(502, record.Status);
    }

    [Theory]
    [InlineData("application/json", """{"id":"x","choices":[""")]
    [InlineData("application/json", "")]
    [InlineData("text/html", "<html>maintenance</html>")]
    [InlineData("text/event-stream",
        "data: {\"error\":{\"message\":\"boom mid stream\"}}\n\ndata: [DONE]\n\n")]
    public async Task A_200_that_is_no_answer_is_never_replayed_and_is_recorded_as_an_error(
        string contentType, string body)
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
        Assert.NotEqual(Core.Exchanges.NoteKind.None, first.Note.Kind);
    }
}
