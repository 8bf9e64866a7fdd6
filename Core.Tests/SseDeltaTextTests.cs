using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

/// The one-pass reader of an event's text must say what a parsed document says, for the shapes
/// streams really send and for shapes they should not (repeated keys, wrong types, broken JSON).
public class SseDeltaTextTests
{
    private static readonly Gen<JsonTree> Str = CacheGens.Text.Select(t => (JsonTree)new JsonTree.Str(t));

    // A value that is sometimes the right type and sometimes not.
    private static Gen<JsonTree> Maybe(Gen<JsonTree> right) => Gen.Frequency((4, right), (1, CacheGens.Value));

    private static readonly Gen<JsonTree> Delta = Gen.Select(Maybe(Str), Gen.Bool, CacheGens.Value,
        (content, withRole, other) => (JsonTree)Members(
            [("content", content), .. withRole ? new[] { ("role", (JsonTree)new JsonTree.Str("assistant")) } : [], ("x", other)]));

    private static readonly Gen<JsonTree> Choice = Gen.Select(Maybe(Delta), Maybe(Str), Gen.Int[0, 3],
        (delta, text, shape) => (JsonTree)(shape switch
        {
            0 => Members([("index", new JsonTree.Raw("0")), ("delta", delta)]),
            1 => Members([("index", new JsonTree.Raw("0")), ("text", text)]),
            2 => Members([("delta", delta), ("text", text), ("delta", delta)]),
            _ => Members([("text", text), ("finish_reason", new JsonTree.Raw("null"))]),
        }));

    private static readonly Gen<JsonTree> Choices = Maybe(Choice.Array[0, 3].Select(cs => (JsonTree)new JsonTree.Arr([.. cs])));

    private static readonly Gen<JsonTree> Type = Maybe(Gen.OneOf("response.output_text.delta", "response.created", "x")
        .Select(t => (JsonTree)new JsonTree.Str(t)));

    /// An event object: members drawn from the interesting ones, repeated keys allowed.
    private static readonly Gen<JsonTree> Event = Gen.Frequency(
            (3, Choices.Select(c => ("choices", c))),
            (2, Type.Select(t => ("type", t))),
            (2, Maybe(Str).Select(d => ("delta", d))),
            (1, CacheGens.Value.Select(v => ("id", v))))
        .Array[0, 5]
        .Select(members => (JsonTree)Members(members));

    [Fact]
    public void Of_says_what_a_parsed_document_says()
    {
        Gen.Select(Event, Gen.Int[0, int.MaxValue]).Sample((tree, seed) =>
        {
            var json = JsonRender.Varied(tree, new Random(seed));
            return SseDeltaText.Of(json) == ByDocument(json);
        });
    }

    [Fact]
    public void Of_is_null_for_broken_json_as_a_parsed_document_is()
    {
        Gen.Select(Event, Gen.Int[0, int.MaxValue], Gen.Int[0, 3]).Sample((tree, seed, damage) =>
        {
            var json = JsonRender.Varied(tree, new Random(seed));
            var broken = damage switch
            {
                0 => json[..(seed % json.Length)],
                1 => [.. json, .. "x"u8],
                2 => [.. json, .. "{}"u8],
                _ => [.. json.Where((_, i) => i != seed % json.Length)],
            };
            return SseDeltaText.Of(broken) == ByDocument(broken);
        });
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"Hel"}}]}""", "Hel")]
    [InlineData("""{"choices":[{"index":0,"text":"lo"}]}""", "lo")]
    [InlineData("""{"type":"response.output_text.delta","delta":"Str"}""", "Str")]
    [InlineData("""{"delta":"Str","type":"response.output_text.delta"}""", "Str")]
    [InlineData("""{"type":"response.created","delta":"no"}""", null)]
    [InlineData("""{"type":5,"delta":"no"}""", null)]
    [InlineData("""{"choices":[{"delta":{"content":"a"}}],"choices":[]}""", null)]
    [InlineData("""{"choices":[{"delta":{"content":"first"}},{"delta":{"content":"second"}}]}""", "first")]
    [InlineData("""{"choices":[{"delta":{"content":"\u00e9\n"}}]}""", "é\n")]
    [InlineData("""{"choices":[{"delta":{"content":"x"}}]} trailing""", null)]
    [InlineData("""{"choices":[{"delta":{"content":null}}]}""", null)]
    public void Of_examples(string json, string? expected)
    {
        var actual = SseDeltaText.Of(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, actual);
    }

    // The rules written against a parsed document: the reference the one-pass reader must match.
    private static string? ByDocument(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return StringAt(root, "choices", 0, "delta", "content")
                ?? StringAt(root, "choices", 0, "text")
                ?? (At(root, "type") is { ValueKind: JsonValueKind.String } type && type.ValueEquals("response.output_text.delta")
                    ? StringAt(root, "delta")
                    : null);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // The parsed document checks a string's UTF-8 only when it is read: a removed byte
            // can leave a broken sequence inside a string, which is broken JSON all the same.
            return null;
        }
    }

    private static string? StringAt(JsonElement root, params object[] path) =>
        At(root, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? At(JsonElement element, params object[] path)
    {
        foreach (var step in path)
        {
            switch (step)
            {
                case string name when element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var next):
                    element = next;
                    break;
                case int index when element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength():
                    element = element[index];
                    break;
                default:
                    return null;
            }
        }
        return element;
    }

    private static JsonTree.Obj Members(IEnumerable<(string Key, JsonTree Value)> members) =>
        new([.. members.Select(m => KeyValuePair.Create(m.Key, m.Value))]);
}
