using System.Collections.Immutable;

namespace Menshen.Core.Config.Document;

/// A TOML array, or an array of tables (`[[providers]]`).
public sealed record ConfigArray(ImmutableArray<ConfigNode> Items) : ConfigNode
{
    public static ConfigArray Of(params ConfigNode[] items) => new([.. items]);

    public override string Describe(bool reveal) => "an array";
}
