using CsCheck;

namespace Menshen.Core.Tests;

/// Server-sent event streams as upstreams send them.
public static partial class RoutingGens
{
    private static readonly Gen<string> LineEnding = Gen.OneOf("\n", "\r\n", "\r");

    // Any text without line breaks, including multi-byte UTF-8 that chunking may cut in half.
    private static readonly Gen<string> LineText =
        Gen.String[Gen.Char["abc {}[]\":,.0123456789é€中"], 0, 24];

    private static readonly Gen<string> FieldLine = Gen.OneOf(
        LineText.Select(t => "data: " + t),
        LineText.Select(t => "data:" + t),
        Gen.Const("event: message"),
        Gen.Const(": keep-alive"),
        Gen.Const("id: 7"),
        Gen.Const("data: [DONE]"));

    /// One event: 1..4 field lines and a blank line, all with the same line ending.
    public static readonly Gen<string> SseEvent = Gen.Select(FieldLine.Array[1, 4], LineEnding,
        (lines, eol) => string.Concat(lines.Select(line => line + eol)) + eol);

    public static readonly Gen<string[]> SseEvents = SseEvent.Array[0, 6];

    private static readonly Gen<string> Usage = Gen.Select(Gen.Int[0, 100000], Gen.Int[0, 100000],
        (input, output) => $"{{\"prompt_tokens\":{input},\"completion_tokens\":{output},\"total_tokens\":{input + output}}}");

    private static readonly string[] ChunkMembers =
    [
        "\"id\":\"chatcmpl-1\"", "\"object\":\"chat.completion.chunk\"", "\"created\":1735689600",
        "\"model\":\"gpt-4o\"", "\"system_fingerprint\":null",
    ];

    /// A chunk's JSON with the given `choices` and `usage` values, members in random order.
    private static Gen<string> Chunk(Gen<string> choices, Gen<string?> usage) =>
        Gen.Select(choices, usage, Gen.Int[0, ChunkMembers.Length], Gen.OneOf("", " "))
            .SelectMany((c, u, keep, ws) =>
            {
                string[] usage = u is null ? [] : ["\"usage\":" + ws + u];
                string[] members = [.. ChunkMembers.Take(keep), "\"choices\":" + ws + c, .. usage];
                return Gen.Shuffle(members).Select(m => "{" + string.Join("," + ws, m) + "}");
            });

    private static Gen<string> AsEvent(Gen<string> json) =>
        Gen.Select(json, Gen.OneOf("data: ", "data:"), Gen.OneOf("", "event: chunk\n"), LineEnding,
            (j, data, before, eol) => before + data + j + eol + eol);

    /// The usage-only chunk: `choices` is `[]` and `usage` an object.
    public static readonly Gen<string> UsageOnlyEvent =
        AsEvent(Chunk(Gen.OneOf("[]", "[ ]"), Usage.Select(u => (string?)u)));

    /// Chunks that are not usage-only: choices not empty, or usage null or missing.
    public static readonly Gen<string> OtherChunkEvent = AsEvent(Gen.OneOf(
        Chunk(Gen.Const("[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]"), Usage.Select(u => (string?)u)),
        Chunk(Gen.Const("[]"), Gen.OneOf<string?>("null", null, "0", "[]")),
        Chunk(Gen.Const("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"), Gen.OneOf<string?>("null", null))));
}
