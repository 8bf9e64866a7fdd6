using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>GET models and GET models/{id}.</summary>
internal static class ModelReplies
{
    // A fixed date, so the list is the same on every run.
    private const long Created = 1_700_000_000;
    private const string Owner = "menshen-simulator";

    public static readonly IReadOnlyList<string> Ids =
        ["gpt-4o-mini", "gpt-4o", "o3-mini", "text-embedding-3-small", "sim-model"];

    public static SimReply List() => List(Ids);

    public static SimReply List(IReadOnlyList<string> ids) => SimReply.Json(200, Frames.Json(ids, static (w, ids) =>
    {
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var id in ids)
        {
            w.WriteStartObject();
            WriteModel(w, id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }));

    /// <summary>Any id is known: the simulator serves whatever model a request names.</summary>
    public static SimReply One(string id) => SimReply.Json(200, Frames.Json(id, WriteModel));

    private static void WriteModel(Utf8JsonWriter w, string id)
    {
        w.WriteString("id", id);
        w.WriteString("object", "model");
        w.WriteNumber("created", Created);
        w.WriteString("owned_by", Owner);
    }
}
