using System.Text.Json;

namespace Menshen.Simulator.Replies.Messages;

/// <summary>POST /v1/messages: a message object, or the standard event stream.</summary>
internal static class MessagesReplies
{
    public static SimReply Build(MessagesContext c) =>
        c.Common.Stream ? SimReply.Stream(MessagesEvents.For(c)) : SimReply.Json(200, Frames.Json(c, WriteMessage));

    /// <summary><c>count_tokens</c>: only the input count.</summary>
    public static SimReply CountTokens(ReplyContext c) =>
        SimReply.Json(200, Frames.Json(c, static (w, c) => w.WriteNumber("input_tokens", c.Usage.PromptTokens)));

    private static void WriteMessage(Utf8JsonWriter w, MessagesContext c)
    {
        WriteHead(w, c);
        w.WriteStartArray("content");
        WriteTextBlock(w, c.Common.Content);
        if (c.Tool is { } tool)
            WriteToolBlock(w, tool, tool.InputJson);
        w.WriteEndArray();
        w.WriteString("stop_reason", c.StopReason);
        w.WriteNull("stop_sequence");
        AnthropicUsageJson.Write(w, c.Common.Usage, c.Common.Usage.CompletionTokens);
    }

    /// <summary>id, type, role and model: the head of a message object.</summary>
    public static void WriteHead(Utf8JsonWriter w, MessagesContext c)
    {
        w.WriteString("id", c.MessageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", c.Common.Model);
    }

    public static void WriteTextBlock(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>A tool_use block; <paramref name="inputJson"/> is "{}" at a stream's block start.</summary>
    public static void WriteToolBlock(Utf8JsonWriter w, ToolCall tool, string inputJson)
    {
        w.WriteStartObject();
        w.WriteString("type", "tool_use");
        w.WriteString("id", tool.Id);
        w.WriteString("name", tool.Name);
        w.WritePropertyName("input");
        w.WriteRawValue(inputJson);
        w.WriteEndObject();
    }
}
