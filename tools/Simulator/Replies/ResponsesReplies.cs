using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>The Responses API: a response object, or its named event stream (usage in response.completed).</summary>
internal static class ResponsesReplies
{
    public static SimReply Build(ReplyContext c) =>
        c.Stream ? SimReply.Stream(Events(c)) : SimReply.Json(200, Frames.Json(c, WriteCompleted));

    private static List<byte[]> Events(ReplyContext c)
    {
        var events = new List<byte[]>(c.Pieces.Count + 8);
        void Add(string type, Action<Utf8JsonWriter> body) =>
            events.Add(Frames.Event(type, (type, events.Count, body), static (w, s) =>
            {
                w.WriteString("type", s.type);
                w.WriteNumber("sequence_number", s.Count);
                s.body(w);
            }));

        Add("response.created", w => WriteResponse(w, c, completed: false));
        Add("response.in_progress", w => WriteResponse(w, c, completed: false));
        Add("response.output_item.added", w => WriteItemEvent(w, c, completed: false));
        Add("response.content_part.added", w => WritePartEvent(w, c, ""));
        foreach (var piece in c.Pieces)
            Add("response.output_text.delta", w => WriteDelta(w, c, piece));
        Add("response.output_text.done", w => WriteTextDone(w, c));
        Add("response.content_part.done", w => WritePartEvent(w, c, c.Content));
        Add("response.output_item.done", w => WriteItemEvent(w, c, completed: true));
        Add("response.completed", w => WriteResponse(w, c, completed: true));
        return events;
    }

    private static void WriteCompleted(Utf8JsonWriter w, ReplyContext c) =>
        WriteResponseFields(w, c, completed: true);

    private static void WriteResponse(Utf8JsonWriter w, ReplyContext c, bool completed)
    {
        w.WriteStartObject("response");
        WriteResponseFields(w, c, completed);
        w.WriteEndObject();
    }

    private static void WriteResponseFields(Utf8JsonWriter w, ReplyContext c, bool completed)
    {
        w.WriteString("id", "resp_" + c.IdSuffix);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", c.Created);
        w.WriteString("status", completed ? "completed" : "in_progress");
        w.WriteNull("error");
        w.WriteNull("incomplete_details");
        w.WriteString("model", c.Model);
        w.WriteStartArray("output");
        if (completed)
            WriteItem(w, c, completed: true);
        w.WriteEndArray();
        if (completed)
            UsageJson.WriteResponses(w, c.Usage);
        else
            w.WriteNull("usage");
    }

    private static void WriteItemEvent(Utf8JsonWriter w, ReplyContext c, bool completed)
    {
        w.WriteNumber("output_index", 0);
        w.WritePropertyName("item");
        WriteItem(w, c, completed);
    }

    private static void WriteItem(Utf8JsonWriter w, ReplyContext c, bool completed)
    {
        w.WriteStartObject();
        w.WriteString("id", "msg_" + c.IdSuffix);
        w.WriteString("type", "message");
        w.WriteString("status", completed ? "completed" : "in_progress");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (completed)
            WritePart(w, c.Content);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePartEvent(Utf8JsonWriter w, ReplyContext c, string text)
    {
        WriteLocation(w, c);
        w.WritePropertyName("part");
        WritePart(w, text);
    }

    private static void WritePart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDelta(Utf8JsonWriter w, ReplyContext c, string piece)
    {
        WriteLocation(w, c);
        w.WriteString("delta", piece);
    }

    private static void WriteTextDone(Utf8JsonWriter w, ReplyContext c)
    {
        WriteLocation(w, c);
        w.WriteString("text", c.Content);
    }

    private static void WriteLocation(Utf8JsonWriter w, ReplyContext c)
    {
        w.WriteString("item_id", "msg_" + c.IdSuffix);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }
}
