using Menshen.Core.Audit;
using Menshen.Core.Routing;
using static Menshen.Shell.Tests.Reports.ReportClient;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

/// Bodies that are no text (an mp3 from `/v1/audio/speech`, a downloaded file, an upload) and
/// text bodies of many megabytes, as the report API shows them (helper-85: an 8 MiB mp3 came
/// back from `/log` as 32.6 MB of U+FFFD-filled JSON, and garbled in previews and the CSV).
public class ReportBinaryBodyTests
{
    internal const int Mp3Bytes = (1 << 20) + 5;

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(85).NextBytes(bytes);
        return bytes;
    }

    // An upload of raw bytes answered by an mp3: neither side is text.
    internal static readonly Exchange Speech = Row(Now.AddMinutes(-2)) with
    {
        Path = "/v1/audio/speech",
        Endpoint = EndpointKind.Passthrough,
        RequestBytes = 3000,
        RequestBody = new CapturedBody(RandomBytes(2000), 3000),
        ResponseBytes = Mp3Bytes,
        ResponseContentType = "audio/mpeg",
        ResponseBody = new CapturedBody(RandomBytes(Mp3Bytes), Mp3Bytes),
    };

    // 3 MiB of JSON text whose one distinctive word is near its end.
    private static readonly string LongPrompt =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 3 << 20)
        + " zebra-quartz\"}]}";

    internal static readonly Exchange LongText = Row(Now.AddMinutes(-1), n: 1) with
    {
        RequestBytes = LongPrompt.Length,
        RequestBody = Body(LongPrompt),
    };

    // helper-92: one bad byte in a stream made the whole answer "binary" in the detail.
    [Fact]
    public async Task Log_detail_of_a_stream_with_a_bad_byte_shows_its_text_and_says_lossy()
    {
        byte[] stream = [.. "data: {\"a\":\"x"u8, 0xFF, .. "y\"}\n\ndata: [DONE]\n\n"u8];
        var row = Row(Now.AddMinutes(-3), stream: true) with
        {
            ResponseContentType = "text/event-stream",
            ResponseBytes = stream.Length,
            ResponseBody = new CapturedBody(stream, stream.Length),
        };
        await using var env = await StartAsync([row]);

        var actual = Parse(await env.JsonAsync($"/__report/log?id={row.Id}"));

        Assert.Equal(
            ("data: {\"a\":\"x\uFFFDy\"}\n\ndata: [DONE]\n\n", false, true, false),
            (actual.GetProperty("response_body").GetString(),
                actual.GetProperty("response_body_binary").GetBoolean(),
                actual.GetProperty("response_body_lossy").GetBoolean(),
                actual.GetProperty("request_body_lossy").GetBoolean()));
    }

    [Fact]
    public async Task Log_detail_of_binary_bodies_has_no_text_but_says_binary_and_their_size()
    {
        await using var env = await StartAsync([Speech]);

        var json = await env.JsonAsync($"/__report/log?id={Speech.Id}");

        var actual = Parse(json);
        Assert.True(json.Length < 4096, $"{json.Length} characters of JSON");
        Assert.Equal(
            (null, null, true, true, 2000L, (long)Mp3Bytes, false, false),
            (actual.GetProperty("request_body").GetString(),
                actual.GetProperty("response_body").GetString(),
                actual.GetProperty("request_body_binary").GetBoolean(),
                actual.GetProperty("response_body_binary").GetBoolean(),
                actual.GetProperty("request_body_stored_bytes").GetInt64(),
                actual.GetProperty("response_body_stored_bytes").GetInt64(),
                actual.GetProperty("request_body_text_truncated").GetBoolean(),
                actual.GetProperty("response_body_text_truncated").GetBoolean()));
    }

    [Fact]
    public async Task Logs_previews_and_csv_mark_binary_bodies_with_their_size()
    {
        await using var env = await StartAsync([Speech]);

        var row = Parse(await env.JsonAsync("/__report/logs")).EnumerateArray().Single();
        var csv = (await env.Client.GetStringAsync("/__report/logs?format=csv")).Split("\r\n")[1];

        Assert.Equal(("[binary, 3000 bytes]", $"[binary, {Mp3Bytes} bytes]"),
            (row.GetProperty("request_preview").GetString(),
                row.GetProperty("response_preview").GetString()));
        // The marker holds a comma, so RFC 4180 quotes it.
        Assert.Contains($",\"[binary, 3000 bytes]\",\"[binary, {Mp3Bytes} bytes]\",openai,", csv);
    }

    [Fact]
    public async Task Log_detail_caps_a_long_text_body_and_the_store_keeps_it_whole()
    {
        await using var env = await StartAsync([LongText]);

        var actual = Parse(await env.JsonAsync($"/__report/log?id={LongText.Id}"));
        var found = await env.JsonAsync("/__report/logs?q=zebra-quartz");

        Assert.Equal(
            (LongPrompt[..ShownBody.MaxTextBytes], false, true, (long)LongPrompt.Length),
            (actual.GetProperty("request_body").GetString(),
                actual.GetProperty("request_body_binary").GetBoolean(),
                actual.GetProperty("request_body_text_truncated").GetBoolean(),
                actual.GetProperty("request_body_stored_bytes").GetInt64()));
        Assert.Contains($"\"id\":{LongText.Id}", found);
    }
}
