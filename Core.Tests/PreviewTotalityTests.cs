using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

/// Previews are computed on the audit writer from bodies that clients and upstreams control: they
/// must give text (or null) for any bytes at all. One exception there would cost the audit record.
public class PreviewTotalityTests
{
    private const string Marker = "\u00b5"; // Invalidate turns its UTF-8 form into invalid UTF-8

    private static readonly string[] Names =
    [
        "messages", "role", "content", "input", "prompt", "text", "type", "choices", "message", "delta",
        "output", "output_text", "error", "user", "model",
    ];

    private static readonly Gen<JsonTree> Any = TreeUpTo(3);

    internal static readonly Gen<JsonTree> Text = Gen.Frequency(
        (3, CacheGens.Text.Select(t => (JsonTree)new JsonTree.Str(t))),
        (1, CacheGens.Text.Select(t => (JsonTree)new JsonTree.Str(t + Marker))));

    internal static readonly Gen<JsonTree> Value = Gen.Frequency((3, Text), (1, Any));

    private static readonly Gen<JsonTree> Values = Value.Array[0, 3].Select(v => (JsonTree)new JsonTree.Arr([.. v]));

    private static readonly Gen<JsonTree> Role = Gen.Frequency(
        (3, Gen.OneOf("user", "assistant", "system").Select(r => (JsonTree)new JsonTree.Str(r))), (1, Any));

    private static readonly Gen<JsonTree> Part = Gen.Select(Value, Value, (type, text) => (JsonTree)Obj(("type", type), ("text", text)));

    private static readonly Gen<JsonTree> Parts = Part.Array[0, 3].Select(ps => (JsonTree)new JsonTree.Arr([.. ps]));

    private static readonly Gen<JsonTree> Content = Gen.Frequency((3, Value), (1, Parts));

    private static readonly Gen<JsonTree> Messages = Gen.Frequency(
        (4, Gen.Select(Role, Content, (role, content) => (JsonTree)Obj(("role", role), ("content", content)))
            .Array[0, 3].Select(ms => (JsonTree)new JsonTree.Arr([.. ms]))),
        (1, Any));

    /// Request bodies: chat, responses, completions and embeddings shapes, any type anywhere.
    internal static readonly Gen<JsonTree> Request = Gen.Frequency(
        (3, Messages.Select(m => (JsonTree)Obj(("model", new JsonTree.Str("m")), ("messages", m)))),
        (2, Gen.Frequency((2, Messages), (1, Value), (1, Values)).Select(i => (JsonTree)Obj(("input", i)))),
        (1, Gen.Frequency((1, Value), (1, Values)).Select(p => (JsonTree)Obj(("prompt", p)))),
        (1, Any));

    private static readonly Gen<JsonTree> Choice = Gen.Select(Content, Value, Content,
        (message, text, delta) => (JsonTree)Obj(("message", Obj(("content", message))), ("text", text), ("delta", Obj(("content", delta)))));

    /// Response bodies and stream events: chat, completions, responses and error shapes.
    private static readonly Gen<JsonTree> Response = Gen.Frequency(
        (3, Gen.Frequency((4, Choice.Array[0, 2].Select(cs => (JsonTree)new JsonTree.Arr([.. cs]))), (1, Any))
            .Select(c => (JsonTree)Obj(("choices", c)))),
        (2, Gen.Select(Gen.Frequency((3, Gen.Const((JsonTree)new JsonTree.Str("response.output_text.delta"))), (1, Any)), Value,
            (type, delta) => (JsonTree)Obj(("type", type), ("delta", delta)))),
        (1, Gen.Frequency((3, Parts.Select(ps => (JsonTree)Obj(("content", ps)))), (1, Any))
            .Array[0, 2].Select(items => (JsonTree)Obj(("output", new JsonTree.Arr([.. items]))))),
        (1, Value.Select(m => (JsonTree)Obj(("error", Obj(("message", m)))))),
        (1, Value.Select(t => (JsonTree)Obj(("output_text", t)))),
        (1, Any));

    [Fact]
    public void Request_previews_never_throw()
    {
        Body(Request).Sample(body => { _ = RequestPreview.Of(body); }, iter: 3000);
    }

    [Fact]
    public void Response_previews_never_throw()
    {
        Gen.Select(Body(Response), Gen.OneOf<string?>(null, "application/json", "text/event-stream"))
            .Sample((body, contentType) => { _ = ResponsePreview.Of(body, contentType); }, iter: 3000);
    }

    [Fact]
    public void Previews_of_arbitrary_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            _ = RequestPreview.Of(bytes);
            _ = ResponsePreview.Of(bytes, "text/event-stream");
            _ = ResponsePreview.Of(bytes, null);
        });
    }

    /// Rendered with JSON's freedom, then sometimes damaged: cut short, or framed as an SSE stream;
    /// marked text always becomes invalid UTF-8 (0xC3 0x28) inside its JSON string.
    internal static Gen<byte[]> Body(Gen<JsonTree> tree) => Gen.Select(tree, Gen.Int[0, int.MaxValue], Gen.Int[0, 3],
        (value, seed, damage) =>
        {
            var json = Invalidate(JsonRender.Varied(value, new Random(seed)));
            return damage switch
            {
                1 => json[..(json.Length == 0 ? 0 : seed % json.Length)],
                2 => [.. "data: "u8, .. json, .. "\n\ndata: "u8, .. json, .. "\n\ndata: [DONE]\n\n"u8],
                _ => json,
            };
        });

    private static byte[] Invalidate(byte[] json)
    {
        var bytes = new List<byte>(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (i + 1 < json.Length && json[i] == 0xC2 && json[i + 1] == 0xB5)
            {
                bytes.Add(0xC3);
                bytes.Add(0x28);
                i++;
            }
            else bytes.Add(json[i]);
        }
        return [.. bytes];
    }

    internal static JsonTree.Obj Obj(params (string Key, JsonTree Value)[] members) =>
        new JsonTree.Obj([.. members.Select(m => KeyValuePair.Create(m.Key, m.Value))]);

    private static Gen<JsonTree> TreeUpTo(int depth) => depth == 0 ? CacheGens.Leaf : Gen.Frequency(
        (2, CacheGens.Leaf),
        (1, TreeUpTo(depth - 1).Array[0, 3].Select(items => (JsonTree)new JsonTree.Arr([.. items]))),
        (3, Gen.Select(Gen.OneOf(Names), TreeUpTo(depth - 1)).Array[0, 4].Select(members =>
            (JsonTree)new JsonTree.Obj([.. members.Select(m => KeyValuePair.Create(m.Item1, m.Item2))]))));
}
