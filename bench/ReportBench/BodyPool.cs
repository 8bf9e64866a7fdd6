using System.IO.Compression;
using System.Text;

namespace Menshen.ReportBench;

/// A few hundred distinct request and response bodies, stored as the gateway stores them
/// (Brotli from 1 KiB when that saves a tenth): rows reuse them, so seeding does not spend
/// minutes compressing while the text search still decompresses realistic blobs.
internal sealed class BodyPool
{
    public const int Size = 256;

    private BodyPool(Body[] requests, Body[] responses)
    {
        Requests = requests;
        Responses = responses;
    }

    public Body[] Requests { get; }
    public Body[] Responses { get; }

    public static BodyPool Create(Random random) => new(
        [.. Enumerable.Range(0, Size).Select(i => Store(Request(random, i)))],
        [.. Enumerable.Range(0, Size).Select(i => Store(i % 2 == 0 ? Json(random, i) : Sse(random, i)))]);

    private static string Request(Random random, int i)
    {
        var history = string.Join(",", Enumerable.Range(0, random.Next(1, 12)).Select(turn =>
            $$$"""{"role":"{{{(turn % 2 == 0 ? "user" : "assistant")}}}","content":"{{{Pick(random, SeedShape.Prompts)}}} (turn {{{turn}}})"}"""));
        return $$$"""{"model":"m","temperature":0.2,"messages":[{"role":"system","content":"You are a helpful assistant #{{{i}}}."},{{{history}}}]}""";
    }

    private static string Json(Random random, int i) =>
        $$$"""{"id":"chatcmpl-{{{i}}}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{{{Pick(random, SeedShape.Answers)}}} {{{Pick(random, SeedShape.Answers)}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":{{{random.Next(4000)}}},"completion_tokens":{{{random.Next(900)}}}}}""";

    private static string Sse(Random random, int i)
    {
        var text = new StringBuilder();
        foreach (var word in (Pick(random, SeedShape.Answers) + " " + Pick(random, SeedShape.Answers)).Split(' '))
            text.Append($$$"""data: {"id":"c{{{i}}}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"{{{word}}} "}}]}""").Append("\n\n");
        return text.Append("data: [DONE]\n\n").ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static Body Store(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length >= 1024)
        {
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
            if (BrotliEncoder.TryCompress(bytes, buffer, out var written, 4, 22) && written <= bytes.Length - bytes.Length / 10)
                return new Body(buffer[..written], 1, bytes.Length, text);
        }
        return new Body(bytes, 0, bytes.Length, text);
    }

    /// A stored body: the bytes, `encoding` (0 identity, 1 Brotli), the original size and text.
    public sealed record Body(byte[] Stored, int Encoding, int Size, string Text);
}
