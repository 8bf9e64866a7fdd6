using System.Collections.Immutable;

namespace Menshen.Core.Tests;

/// A JSON value as the cache-key tests build it, so that one value can be written many ways.
/// Object keys are unique; numbers and literals keep their text.
public abstract record JsonNode
{
    public sealed override string ToString() => JsonRender.Plain(this);

    public sealed record Obj(ImmutableArray<KeyValuePair<string, JsonNode>> Members) : JsonNode
    {
        public Obj With(string key, JsonNode value) =>
            new(Members.Any(m => m.Key == key)
                ? [.. Members.Select(m => m.Key == key ? KeyValuePair.Create(key, value) : m)]
                : Members.Add(KeyValuePair.Create(key, value)));

        public Obj Without(string key) => new([.. Members.Where(m => m.Key != key)]);

        public JsonNode? Get(string key) => Members.FirstOrDefault(m => m.Key == key).Value;
    }

    public sealed record Arr(ImmutableArray<JsonNode> Items) : JsonNode;

    public sealed record Str(string Value) : JsonNode;

    public sealed record Raw(string Text) : JsonNode;
}
