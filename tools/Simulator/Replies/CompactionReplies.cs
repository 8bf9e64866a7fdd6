using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>`responses/compact`: one JSON compaction object (never a stream), its usage in the
/// Responses API's shape; the compacted history is an opaque `compaction` item.</summary>
internal static class CompactionReplies
{
    public static SimReply Build(ReplyContext c) => SimReply.Json(200, Frames.Json(c, Write));

    private static void Write(Utf8JsonWriter w, ReplyContext c)
    {
        w.WriteString("id", "cmp_" + c.IdSuffix);
        w.WriteString("object", "response.compaction");
        w.WriteNumber("created_at", c.Created);
        w.WriteStartArray("output");
        w.WriteStartObject();
        w.WriteString("id", "cmp_item_" + c.IdSuffix);
        w.WriteString("type", "compaction");
        w.WriteString("encrypted_content", "sim-compacted:" + c.Content);
        w.WriteEndObject();
        w.WriteEndArray();
        UsageJson.WriteResponses(w, c.Usage);
    }
}
