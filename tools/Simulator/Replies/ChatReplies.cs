using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>chat/completions, as a JSON object or as a chunk stream.</summary>
internal static class ChatReplies
{
    private const string Fingerprint = "fp_menshen_sim";

    public static SimReply Build(ReplyContext c) =>
        c.Stream ? Stream(c) : SimReply.Json(200, Frames.Json(c, WriteObject));

    private static SimReply Stream(ReplyContext c)
    {
        var frames = new List<byte[]>(c.Pieces.Count + 3);
        for (var i = 0; i < c.Pieces.Count; i++)
            frames.Add(Frames.Data((c, i), static (w, s) => WriteContentChunk(w, s.c, s.i)));
        frames.Add(Frames.Data(c, WriteFinishChunk));
        // OpenAI sends the usage-only chunk only when the client asked for it.
        if (c.IncludeUsage)
            frames.Add(Frames.Data(c, WriteUsageChunk));
        frames.Add(Frames.Done);
        return SimReply.Stream(frames);
    }

    private static void WriteObject(Utf8JsonWriter w, ReplyContext c)
    {
        WriteHead(w, c, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", c.Content);
        w.WriteNull("refusal");
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        UsageJson.WriteChat(w, c.Usage);
    }

    private static void WriteContentChunk(Utf8JsonWriter w, ReplyContext c, int index)
    {
        WriteHead(w, c, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (index == 0)
            w.WriteString("role", "assistant");
        w.WriteString("content", c.Pieces[index]);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteNull("finish_reason");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteNullUsage(w, c);
    }

    private static void WriteFinishChunk(Utf8JsonWriter w, ReplyContext c)
    {
        WriteHead(w, c, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteNullUsage(w, c);
    }

    private static void WriteUsageChunk(Utf8JsonWriter w, ReplyContext c)
    {
        WriteHead(w, c, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteEndArray();
        UsageJson.WriteChat(w, c.Usage);
    }

    private static void WriteHead(Utf8JsonWriter w, ReplyContext c, string objectType)
    {
        w.WriteString("id", "chatcmpl-" + c.IdSuffix);
        w.WriteString("object", objectType);
        w.WriteNumber("created", c.Created);
        w.WriteString("model", c.Model);
        w.WriteString("system_fingerprint", Fingerprint);
    }

    // With include_usage every chunk but the last carries "usage": null, as OpenAI's do.
    private static void WriteNullUsage(Utf8JsonWriter w, ReplyContext c)
    {
        if (c.IncludeUsage)
            w.WriteNull("usage");
    }
}
