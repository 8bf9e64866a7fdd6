using System.Collections.Immutable;

namespace Menshen.Core.Config.Document;

/// A TOML table: keys in file order.
public sealed record ConfigTable(ImmutableArray<ConfigEntry> Entries) : ConfigNode
{
    public static ConfigTable Empty { get; } = new([]);

    /// A table from `(key, value)` pairs, in the order given.
    public static ConfigTable Of(params (string Key, ConfigNode Value)[] entries) =>
        new([.. entries.Select(e => new ConfigEntry(e.Key, e.Value))]);

    /// The value at `key`, or null when the table has no such key.
    public ConfigNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public override string Describe(bool reveal) => "a table";
}
