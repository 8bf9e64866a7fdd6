using CsCheck;

namespace Menshen.Core.Tests;

/// Generators for request bodies: realistic chat requests and arbitrary JSON values.
public static class CacheGens
{
    public static readonly Gen<string> Text = Gen.OneOf(
        "Hi", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "中文", "😀", "\u2028", "user", "stream")
        .Array[0, 5]
        .Select(parts => string.Concat(parts));

    public static readonly Gen<JsonTree> Number = Gen.OneOf(
        "0", "1", "-3", "0.7", "1.0", "1e2", "100", "2E-3", "12345678901234567890")
        .Select(t => (JsonTree)new JsonTree.Raw(t));

    public static readonly Gen<JsonTree> Leaf = Gen.Frequency(
        (3, Text.Select(t => (JsonTree)new JsonTree.Str(t))),
        (2, Number),
        (1, Gen.OneOf("true", "false", "null").Select(t => (JsonTree)new JsonTree.Raw(t))));

    public static readonly Gen<JsonTree> Value = ValueUpTo(depth: 3);

    private static readonly Gen<JsonTree> Message = Gen.Select(Gen.OneOf("system", "user", "assistant"), Text,
        (role, text) => (JsonTree)ObjectOf(
            ("role", new JsonTree.Str(role)), ("content", new JsonTree.Str(text))));

    /// A chat request without `user`, `stream_options` or `stream` (laws add those on purpose).
    public static readonly Gen<JsonTree.Obj> ChatRequest = Gen.Select(
        Gen.OneOf("gpt-4o", "gpt-4o-mini", "o3").Select(m => (JsonTree)new JsonTree.Str(m)),
        Message.Array[1, 3].Select(ms => (JsonTree)new JsonTree.Arr([.. ms])),
        Gen.Select(Gen.OneOf(OptionalFields), Value).Array[0, 5],
        (model, messages, extras) => extras.Aggregate(
            ObjectOf(("model", model), ("messages", messages)), (o, e) => o.With(e.Item1, e.Item2)));

    /// Fields that change what the model answers; any change to one must change the key.
    public static readonly string[] OutputFields =
        ["model", "messages", .. OptionalFields, "x_provider_extension"];

    private static string[] OptionalFields =>
    [
        "temperature", "top_p", "max_tokens", "max_completion_tokens", "n", "seed", "stop", "tools",
        "tool_choice", "response_format", "presence_penalty", "frequency_penalty", "logit_bias",
        "logprobs", "reasoning_effort", "metadata",
    ];

    public static JsonTree.Obj ObjectOf(params (string Key, JsonTree Value)[] members) =>
        new([.. members.Select(m => KeyValuePair.Create(m.Key, m.Value))]);

    private static Gen<JsonTree> ValueUpTo(int depth) => depth == 0 ? Leaf : Gen.Frequency(
        (3, Leaf),
        (1, ValueUpTo(depth - 1).Array[0, 3].Select(items => (JsonTree)new JsonTree.Arr([.. items]))),
        (1, Gen.Select(Text, ValueUpTo(depth - 1)).Array[0, 3].Select(members => (JsonTree)new JsonTree.Obj(
            [.. members.DistinctBy(m => m.Item1).Select(m => KeyValuePair.Create(m.Item1, m.Item2))]))));
}
