using System.Text.Json;

namespace Menshen.Simulator.Replies.Messages;

/// <summary>
/// The Messages API event stream: message_start, then per block content_block_start, deltas and
/// content_block_stop (a ping after the first start, as Anthropic sends), message_delta, message_stop.
/// </summary>
internal static class MessagesEvents
{
    public static List<byte[]> For(MessagesContext c)
    {
        var events = new List<byte[]>(c.Common.Pieces.Count + 12);
        void Add(string type, Action<Utf8JsonWriter> body) =>
            events.Add(Frames.Event(type, (type, body), static (w, s) =>
            {
                w.WriteString("type", s.type);
                s.body(w);
            }));

        Add("message_start", w => WriteStart(w, c));
        Add("content_block_start", w => WriteBlockStart(w, 0, b => MessagesReplies.WriteTextBlock(b, "")));
        Add("ping", _ => { });
        foreach (var piece in c.Common.Pieces)
            Add("content_block_delta", w => WriteDelta(w, 0, "text_delta", "text", piece));
        Add("content_block_stop", w => w.WriteNumber("index", 0));
        if (c.Tool is { } tool)
        {
            Add("content_block_start", w => WriteBlockStart(w, 1, b => MessagesReplies.WriteToolBlock(b, tool, "{}")));
            foreach (var piece in tool.InputPieces)
                Add("content_block_delta", w => WriteDelta(w, 1, "input_json_delta", "partial_json", piece));
            Add("content_block_stop", w => w.WriteNumber("index", 1));
        }
        Add("message_delta", w => WriteMessageDelta(w, c));
        Add("message_stop", _ => { });
        return c.ErrorAfter is { } n && n < events.Count
            ? [.. events.Take(n), AnthropicErrorReplies.StreamEvent()]
            : events;
    }

    private static void WriteStart(Utf8JsonWriter w, MessagesContext c)
    {
        w.WriteStartObject("message");
        MessagesReplies.WriteHead(w, c);
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        AnthropicUsageJson.Write(w, c.Common.Usage, outputTokens: 1);
        w.WriteEndObject();
    }

    private static void WriteBlockStart(Utf8JsonWriter w, int index, Action<Utf8JsonWriter> block)
    {
        w.WriteNumber("index", index);
        w.WritePropertyName("content_block");
        block(w);
    }

    private static void WriteDelta(Utf8JsonWriter w, int index, string type, string field, string value)
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
    }

    // Like Anthropic's current API, the final usage repeats the input side beside the output count.
    private static void WriteMessageDelta(Utf8JsonWriter w, MessagesContext c)
    {
        w.WriteStartObject("delta");
        w.WriteString("stop_reason", c.StopReason);
        w.WriteNull("stop_sequence");
        w.WriteEndObject();
        AnthropicUsageJson.Write(w, c.Common.Usage, c.Common.Usage.CompletionTokens);
    }
}
