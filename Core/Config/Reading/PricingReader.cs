using System.Collections.Immutable;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Reads `[pricing."MODEL"]` tables: the keys of `[pricing]` are model names.
internal static class PricingReader
{
    public static ImmutableArray<RawPrice> Read(TableReader root)
    {
        var pricing = root.Node("pricing") switch
        {
            null => ConfigTable.Empty,
            ConfigTable t => t,
            var other => root.Mismatch<ConfigTable?>("pricing",
            "a table of models ([pricing.\"MODEL\"])", other)
                ?? ConfigTable.Empty,
        };
        var path = root.Key("pricing");
        return [.. pricing.Entries.Select(e =>
            Price(root, KeyPath.Child(path, e.Key), e)).OfType<RawPrice>()];
    }

    private static RawPrice? Price(TableReader root, string path, ConfigEntry entry)
    {
        if (entry.Value is not ConfigTable table)
        {
            root.Errors.Add(new ConfigError(
                path, $"expected a table with `input` and `output` prices, got " +
                $"{entry.Value.Describe(true)}"));
            return null;
        }

        if (UnquotedDottedName(entry.Key, table) is { } dotted)
        {
            root.Errors.Add(new ConfigError(KeyPath.Child(root.Key("pricing"), dotted),
                $"a model name with a dot must be quoted: [pricing.\"{dotted}\"]"));
            return null;
        }

        var reader = new TableReader(table, path, "[pricing.\"MODEL\"]", ConfigSchema.Price,
            root.Errors);
        return SectionReaders.Read(reader, r => new RawPrice(
            entry.Key, r.Number("input"), r.Number("output"), r.Number("cached_input"),
            r.Number("cache_write"), r.Number("cache_write_1h")));
    }

    // `[pricing.gpt-4.1]` is TOML for pricing → gpt-4 → 1: a table holding only one table, down
    // to the prices. The name the user meant, or null for a table that is not that.
    private static string? UnquotedDottedName(string key, ConfigTable table)
    {
        var name = key;
        while (table.Entries is [{ Value: ConfigTable inner } only])
        {
            name += "." + only.Key;
            table = inner;
        }
        return name == key ? null : name;
    }
}
