using System.IO.Pipelines;
using System.Text;
using CsCheck;
using Menshen.Core.Dialects;
using Menshen.Core.Http;
using Menshen.Shell.Wire;

namespace Menshen.Shell.Tests.Wire;

public class SseEventFilterTests
{
    private const string Usage =
        "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}\r\n\r\n";

    private static async Task<string> FilterAsync(IEnumerable<byte[]> chunks,
        SseEventCut? cut = null)
    {
        var pipe = new Pipe();
        var filter = new SseEventFilter(SseFraming.IsUsageOnlyChunk, cut);
        foreach (var chunk in chunks) filter.Write(chunk, pipe.Writer);
        filter.Complete(pipe.Writer);
        await pipe.Writer.CompleteAsync();
        using var output = new MemoryStream();
        await pipe.Reader.AsStream().CopyToAsync(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static IEnumerable<byte[]> Split(byte[] bytes, int size)
    {
        for (var at = 0; at < bytes.Length; at += size)
            yield return bytes[at..Math.Min(at + size, bytes.Length)];
    }

    // The search resumes where it stopped instead of from the held event's start; cut anywhere,
    // even inside a CRLF, the client gets the same bytes.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task Events_split_anywhere_come_out_whole_without_the_usage_chunk(int size)
    {
        var answer = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', 300)
            + "\"}}]}\r\n\r\ndata: {\"choices\":[]}\r\r";
        var stream = Encoding.UTF8.GetBytes(answer + Usage + "data: [DONE]\n\n");

        var actual = await FilterAsync(Split(stream, size));

        Assert.Equal(answer + "data: [DONE]\n\n", actual);
    }

    // A multi-MB event (a base64 image delta) cannot be the usage chunk: once over the cap the
    // rest of it goes on as it comes, then filtering resumes, so the usage chunk after it is
    // still hidden. Cut anywhere, even between the CR and LF of its blank line.
    [Theory]
    [InlineData("\n\n", 16 * 1024)]
    [InlineData("\r\n\r\n", 16 * 1024)]
    [InlineData("\r\n\r\n", 7)]
    [InlineData("\r\r", 3)]
    public async Task An_event_over_the_cap_is_passed_on_and_filtering_resumes_after_it(
        string blankLine, int size)
    {
        var giant = "data: {\"choices\":[{\"delta\":{\"content\":\""
            + new string('y', SseEventFilter.MaxHeldBytes + 100_000) + "\"}}]}" + blankLine;
        var stream = Encoding.UTF8.GetBytes(giant + Usage + "data: [DONE]\n\n");

        var actual = await FilterAsync(Split(stream, size));

        Assert.Equal(giant + "data: [DONE]\n\n", actual);
    }

    // helper-96: a stateful parser with only example tests. The law the usage parser has too:
    // however the upstream's bytes are cut into chunks, the client gets the same bytes, and
    // those are the stream's events, each whole, less the hidden ones and the cut parts.
    private static readonly Gen<string> Event = Gen.OneOf(
        Gen.String.AlphaNumeric.Select(t =>
            "data: {\"choices\":[{\"delta\":{\"content\":\"" + t + "\"}}],\"usage\":null}"),
        Gen.String.AlphaNumeric.Select(t =>
            "data: {\"id\":\"" + t + "\",\"usage\":null,\"choices\":[{\"delta\":{}}]}"),
        Gen.Const("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"),
        Gen.Const(": keep-alive"),
        Gen.String.AlphaNumeric.Select(t => "event: x\ndata: " + t),
        Gen.Const("data: [DONE]"));

    private static readonly Gen<string> Stream = Gen.Select(
            Event, Gen.OneOf(Gen.Const("\n\n"), Gen.Const("\r\n\r\n"), Gen.Const("\r\r")))
        .Array[0, 12].Select(events => string.Concat(events.Select(e => e.Item1 + e.Item2)));

    private static string Expected(string stream)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);
        var kept = new List<byte>();
        var at = 0;
        while (at < bytes.Length)
        {
            var end = SseFraming.FindEventEnd(bytes.AsSpan(at));
            var sseEvent = bytes.AsSpan(at, end < 0 ? bytes.Length - at : end);
            at += sseEvent.Length;
            if (end >= 0 && SseFraming.IsUsageOnlyChunk(sseEvent)) continue;
            var cut = end < 0 ? null : SseFraming.NullUsageMember(sseEvent);
            if (cut is not { } part)
            {
                kept.AddRange(sseEvent.ToArray());
                continue;
            }
            var (start, length) = part.GetOffsetAndLength(sseEvent.Length);
            kept.AddRange(sseEvent[..start].ToArray());
            kept.AddRange(sseEvent[(start + length)..].ToArray());
        }
        return Encoding.UTF8.GetString([.. kept]);
    }

    [Fact]
    public void Filtering_is_independent_of_chunk_boundaries() =>
        Gen.Select(Stream, Gen.Int[1, 40].Array[1, 30]).Sample((stream, sizes) =>
        {
            var bytes = Encoding.UTF8.GetBytes(stream);
            var chunks = new List<byte[]>();
            for (int at = 0, i = 0; at < bytes.Length; i++)
            {
                var size = Math.Min(sizes[i % sizes.Length], bytes.Length - at);
                chunks.Add(bytes[at..(at + size)]);
                at += size;
            }

            var actual = FilterAsync(chunks, SseFraming.NullUsageMember).GetAwaiter().GetResult();

            return actual == Expected(stream);
        });
}
