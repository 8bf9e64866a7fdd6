using System.Text;
using CsCheck;

namespace Menshen.Core.Tests;

/// JSON request bodies with awkward numbers, escapes, nesting, whitespace and key order.
public static partial class RoutingGens
{
    private static readonly Gen<string> Ws = Gen.OneOf("", "", " ", "\n  ", "\t", "\r\n");

    private static readonly Gen<string> Scalar = Gen.OneOf(
        "12345678901234567890", "1e400", "-0.0", "3.14159265358979323846264338327950288", "0", "-12", "1E-7",
        "true", "false", "null", "\"text\"", "\"esc\\\"aped \\\\ \\u00e9\\n\"", "\"日本語\"", "\"\"", "\"}{,:\"");

    private static readonly Gen<string> NestedObject =
        Gen.Int[0, 4].SelectMany(n => Gen.Shuffle(new[] { "model", "content", "role", "x" }, n))
            .SelectMany(keys => Scalar.Array[keys.Length]
                .Select(values => "{" + string.Join(",", keys.Zip(values, (k, v) => $"\"{k}\":{v}")) + "}"));

    private static readonly Gen<string> NestedArray =
        Gen.OneOf(Scalar, NestedObject).Array[0, 3].Select(items => "[" + string.Join(", ", items) + "]");

    private static readonly Gen<string> Value = Gen.Frequency((3, Scalar), (1, NestedObject), (1, NestedArray));

    private static readonly string[] OtherKeys =
    [
        "messages", "temperature", "seed", "metadata", "user", "n", "tools", "x_unknown", "max_tokens",
        "input", "prompt", "Model", "models", "streaming",
    ];

    private static readonly Gen<(string Key, string Raw)[]> OtherMembers =
        Gen.Int[0, 6].SelectMany(n => Gen.Shuffle(OtherKeys, n))
            .SelectMany(keys => Value.Array[keys.Length].Select(values => keys.Zip(values).ToArray()));

    /// Root `model` values, strings (some escaped) and a few that are not strings.
    public static readonly Gen<string> ModelRaw = Gen.OneOf(
        "\"gpt-4o\"", "\"m\\u006fdel-x\"", "\"\"", "\"模型\"", "\"a\\\"b\"", "\"forced\"", "null", "42", "{\"id\":\"x\"}");

    /// Models a provider may force (null: no override).
    public static readonly Gen<string?> ForcedModel =
        Gen.OneOf<string?>(null, "forced", "gpt-4o", "a\"b\\c", "模型", "x+y<z>&", "line\nbreak");

    /// Any JSON object body.
    public static readonly Gen<JsonBody> Body = BodyOf(
        Gen.OneOf<string?>(null, "true", "true", "false", "\"true\""),
        Gen.OneOf<string?>(null, null, "null", "{\"include_usage\":false}", "{}", " { } ",
            "{\"include_usage\":true}", "{\"include_obfuscation\":false}",
            "{\"include_obfuscation\":false , \"include_usage\" : false}",
            "{\"include_usage\":null,\"x\":{\"include_usage\":true}}", "\"x\"", "[]"));

    /// JSON object bodies whose root `stream` and `stream_options` (raw JSON, null: absent) come
    /// from the given generators: a narrow case is generated, not filtered out of Body (a filter
    /// that keeps few values runs out of tries now and then).
    public static Gen<JsonBody> BodyOf(Gen<string?> streamRaw, Gen<string?> optionsRaw) =>
        Gen.Select(OtherMembers, ModelRaw.Null(0.25), streamRaw, optionsRaw)
        .SelectMany((others, model, stream, options) =>
        {
            (string Key, string Raw)[] members =
            [
                .. others,
                .. model is null ? [] : new[] { ("model", model) },
                .. stream is null ? [] : new[] { ("stream", stream) },
                .. options is null ? [] : new[] { ("stream_options", options) },
            ];
            return Gen.Select(Gen.Shuffle(members), Ws.Array[(members.Length * 4) + 3])
                .Select((order, ws) => Render(order, ws, stream, options));
        });

    private static JsonBody Render((string Key, string Raw)[] members, string[] ws, string? stream, string? options)
    {
        var before = new StringBuilder(ws[0] + "{" + ws[1]);
        var after = new StringBuilder();
        string? model = null;
        for (var i = 0; i < members.Length; i++)
        {
            var (key, raw) = members[i];
            var text = model is null ? before : after;
            text.Append(i > 0 ? "," : "").Append(ws[(4 * i) + 3]).Append($"\"{key}\"").Append(ws[(4 * i) + 4])
                .Append(':').Append(ws[(4 * i) + 5]);
            if (key == "model")
            {
                model = raw;
                text = after;
            }
            else
            {
                text.Append(raw);
            }
            text.Append(ws[(4 * i) + 6]);
        }
        (model is null ? before : after).Append('}').Append(ws[2]);
        return new JsonBody(before.ToString(), model, after.ToString(), stream, options);
    }

    /// Bodies that are not one JSON object: cut short, not objects, trailing bytes, non-JSON syntax.
    public static readonly Gen<byte[]> MalformedBody = Gen.OneOf(
        Body.SelectMany(b => Gen.Int[0, b.Text.TrimEnd().Length - 1].Select(n => b.Text[..n])),
        Gen.OneOf("", " ", "[]", "[{\"model\":\"x\"}]", "1", "\"x\"", "null", "true"),
        Body.SelectMany(b => Gen.OneOf("x", "{}", ",", "]", "}").Select(tail => b.Text + tail)),
        Gen.OneOf("{'model':'x'}", "{\"a\":1,}", "{/*c*/}", "{\"a\" 1}", "{model:\"x\"}", "{\"a\":01}", "{\"a\":NaN}"))
        .Select(Encoding.UTF8.GetBytes);
}
