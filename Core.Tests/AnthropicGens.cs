using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

/// A generated Messages API stream: its bytes, and what a correct reader must find in them.
public sealed record AnthropicScenario(
    byte[] Bytes, AnthropicUsage Usage, bool Complete, AnthropicStreamError? Error, string Text, string ToolInput);

/// Generators for Messages API usage objects and event streams.
public static class AnthropicGens
{
    private static readonly Gen<long?> Count = Gen.Frequency(
        (3, Gen.Long[0, 250_000].Select(n => (long?)n)), (1, Gen.Const((long?)null)));

    /// A usage report in which any field may be missing.
    public static readonly Gen<AnthropicUsage> Report = Gen.Select(Count, Count, Count, Count, Count, Count,
        (i, o, c, r, m5, h1) => new AnthropicUsage(i, o, c, r, m5, h1));

    private static readonly Gen<string> Piece = Gen.OneOf(
        "Hello", " world", "\"", "\\", "\n", "é", "中文", "😀", "message_stop", "[DONE]", "data: ", "}", ":");

    private static readonly Gen<string> LineEnd = Gen.OneOf("\n", "\r\n", "\r");

    private static readonly Gen<AnthropicStreamError?> MaybeError = Gen.Frequency(
        (4, Gen.Const((AnthropicStreamError?)null)),
        (1, Gen.OneOf("overloaded_error", "api_error").Select(t => (AnthropicStreamError?)new(t, "Overloaded"))));

    /// A stream: message_start, text deltas, maybe a tool_use block, message_deltas, then maybe
    /// an error event and maybe message_stop; pings and comments between, any SSE line ends.
    public static readonly Gen<AnthropicScenario> Stream = Gen.Select(
        Report, Report.Array[0, 3], Piece.Array[0, 6], Piece.Array[0, 3].Null(), Gen.Bool, MaybeError,
        LineEnd, Gen.Bool).Select(Build);

    private static AnthropicScenario Build(
        AnthropicUsage start, AnthropicUsage[] deltas, string[] text, string[]? tool, bool stop,
        AnthropicStreamError? error, string eol, bool named)
    {
        var events = new List<(string Name, string Json)>
        {
            ("message_start", $$$"""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-x","usage":{{{UsageJson(start)}}}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            ("ping", """{"type": "ping"}"""),
        };
        events.AddRange(text.Select(t => ("content_block_delta",
            $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{Quote(t)}}}}}""")));
        events.Add(("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        if (tool is not null)
        {
            events.Add(("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get","input":{}}}"""));
            events.AddRange(tool.Select(t => ("content_block_delta",
                $$$"""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":{{{Quote(t)}}}}}""")));
        }
        events.AddRange(deltas.Select(d => ("message_delta",
            $$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{{{UsageJson(d)}}}}""")));
        if (error is not null)
            events.Add(("error", $$$"""{"type":"error","error":{"type":"{{{error.Type}}}","message":"{{{error.Message}}}"}}"""));
        if (stop)
            events.Add(("message_stop", """{"type":"message_stop"}"""));
        var bytes = new StringBuilder(":" + eol + eol);
        foreach (var (name, json) in events)
            bytes.Append(named ? $"event: {name}{eol}" : "").Append($"data: {json}{eol}{eol}");
        var usage = deltas.Aggregate(AnthropicUsage.Unknown.Then(start), (u, d) => u.Then(d));
        var toolInput = tool is null ? "" : string.Concat(tool);
        return new AnthropicScenario(Encoding.UTF8.GetBytes(bytes.ToString()), usage, stop && error is null,
            error, string.Concat(text), toolInput);
    }

    /// A usage object with the known fields; the cache split object only when a part is known.
    public static string UsageJson(AnthropicUsage u)
    {
        var fields = new List<string>();
        void Add(string name, long? value) { if (value is { } v) fields.Add($"\"{name}\":{v}"); }
        Add("input_tokens", u.InputTokens);
        Add("cache_creation_input_tokens", u.CacheCreationInputTokens);
        Add("cache_read_input_tokens", u.CacheReadInputTokens);
        if (u.Ephemeral5mInputTokens is not null || u.Ephemeral1hInputTokens is not null)
        {
            var split = new List<string>();
            if (u.Ephemeral5mInputTokens is { } m) split.Add($"\"ephemeral_5m_input_tokens\":{m}");
            if (u.Ephemeral1hInputTokens is { } h) split.Add($"\"ephemeral_1h_input_tokens\":{h}");
            fields.Add($"\"cache_creation\":{{{string.Join(',', split)}}}");
        }
        Add("output_tokens", u.OutputTokens);
        return "{" + string.Join(',', fields) + "}";
    }

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";
}
