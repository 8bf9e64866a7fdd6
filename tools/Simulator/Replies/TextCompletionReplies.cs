using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>The legacy completions endpoint, as a JSON object or as a chunk stream.</summary>
internal static class TextCompletionReplies
{
    public static SimReply Build(ReplyContext c) =>
        c.Stream ? Stream(c) : SimReply.Json(200, Frames.Json(c, WriteObject));

    private static SimReply Stream(ReplyContext c)
    {
        var frames = new List<byte[]>(c.Pieces.Count + 3);
        foreach (var piece in c.Pieces)
            frames.Add(Frames.Data((c, piece), static (w, s) => WriteChunk(w, s.c, s.piece, null)));
        frames.Add(Frames.Data(c, static (w, c) => WriteChunk(w, c, "", "stop")));
        if (c.IncludeUsage)
            frames.Add(Frames.Data(c, WriteUsageChunk));
        frames.Add(Frames.Done);
        return SimReply.Stream(frames);
    }

    private static void WriteObject(Utf8JsonWriter w, ReplyContext c)
    {
        WriteHead(w, c);
        WriteChoices(w, c.Content, "stop");
        UsageJson.WriteChat(w, c.Usage);
    }

    private static void WriteChunk(Utf8JsonWriter w, ReplyContext c, string text, string? finishReason)
    {
        WriteHead(w, c);
        WriteChoices(w, text, finishReason);
        if (c.IncludeUsage)
            w.WriteNull("usage");
    }

    private static void WriteUsageChunk(Utf8JsonWriter w, ReplyContext c)
    {
        WriteHead(w, c);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        UsageJson.WriteChat(w, c.Usage);
    }

    private static void WriteChoices(Utf8JsonWriter w, string text, string? finishReason)
    {
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteNumber("index", 0);
        w.WriteNull("logprobs");
        if (finishReason is null)
            w.WriteNull("finish_reason");
        else
            w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteHead(Utf8JsonWriter w, ReplyContext c)
    {
        w.WriteString("id", "cmpl-" + c.IdSuffix);
        w.WriteString("object", "text_completion");
        w.WriteNumber("created", c.Created);
        w.WriteString("model", c.Model);
    }
}
