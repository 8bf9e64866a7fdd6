using System.Collections.Immutable;

namespace Menshen.Core.Tests;

/// A JSON value as the cache-key tests build it, so that one value can be written many ways.
/// Object keys are unique; numbers and literals keep their text.
public abstract record JsonTree
{
    public sealed override string ToString() => JsonRender.Plain(this);

    public sealed record Obj(ImmutableArray<KeyValuePair<string, JsonTree>> Members) : JsonTree
    {
        public Obj With(string key, JsonTree value) =>
            new(Members.Any(m => m.Key == key)
                ? [.. Members.Select(m => m.Key == key ? KeyValuePair.Create(key, value) : m)]
                : Members.Add(KeyValuePair.Create(key, value)));

        public Obj Without(string key) => new([.. Members.Where(m => m.Key != key)]);

        public JsonTree? Get(string key) => Members.FirstOrDefault(m => m.Key == key).Value;
    }

    public sealed record Arr(ImmutableArray<JsonTree> Items) : JsonTree;

    public sealed record Str(string Value) : JsonTree;

    public sealed record Raw(string Text) : JsonTree;
}
