using System.Collections.Immutable;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Reads the routing keys (SPEC §13): `[aliases]`, `[routing]` and `[[providers]] models`.
internal static class RoutingReader
{
    private const string ModelsExpected =
        "an array of model names or patterns, such as [\"gpt-4o*\", \"o3\"]";

    public static RawRouting Read(TableReader root) =>
        SectionReaders.Read(root.Section("routing", ConfigSchema.Routing), r =>
            new RawRouting(Aliases(root), r.String("sticky"), r.Integer("sticky_ttl")));

    /// `models` of one provider; an item that is not a string is reported and kept as null.
    public static ImmutableArray<string?>? Models(TableReader provider)
    {
        var items = provider.Array("models", ModelsExpected);
        return items?.Select((item, i) => Model(provider, i, item)).ToImmutableArray();
    }

    private static string? Model(TableReader provider, int index, ConfigNode item)
    {
        if (item is ConfigString s)
        {
            return s.Value;
        }

        var key = KeyPath.Index(provider.Key("models"), index);
        provider.Errors.Add(new ConfigError(
            key, $"expected a model name or pattern (a string), got {item.Describe(true)}"));
        return null;
    }

    // The keys of [aliases] are the names clients send, so every key is allowed.
    private static ImmutableArray<RawAlias> Aliases(TableReader root)
    {
        var aliases = root.Node("aliases") switch
        {
            null => ConfigTable.Empty,
            ConfigTable t => t,
            var other => root.Mismatch<ConfigTable?>(
                "aliases", "a table of \"name\" = \"target model\" entries ([aliases])", other)
                ?? ConfigTable.Empty,
        };
        var path = root.Key("aliases");
        return [.. aliases.Entries.Select(e => Alias(root, KeyPath.Child(path, e.Key), e))];
    }

    private static RawAlias Alias(TableReader root, string key, ConfigEntry entry)
    {
        if (entry.Value is ConfigString target)
        {
            return new RawAlias(entry.Key, target.Value);
        }

        if (UnquotedDottedName(entry) is var (dotted, value))
        {
            // `gpt-4.1 = "gpt-4o"` is TOML for gpt-4 → 1 (helper-65; [pricing] says so too).
            root.Errors.Add(new ConfigError(KeyPath.Child(root.Key("aliases"), dotted),
                $"a model name with a dot must be quoted: \"{dotted}\" = \"{value}\""));
            return new RawAlias(dotted, null);
        }

        root.Errors.Add(new ConfigError(
            key, $"expected the target model name (a string), got {entry.Value.Describe(true)}"));
        return new RawAlias(entry.Key, null);
    }

    // A table holding only one table, down to one string: the dotted name the user meant.
    private static (string Name, string Target)? UnquotedDottedName(ConfigEntry entry)
    {
        var (name, node) = (entry.Key, entry.Value);
        while (node is ConfigTable { Entries: [var only] })
        {
            name += "." + only.Key;
            node = only.Value;
        }
        return node is ConfigString target && name != entry.Key ? (name, target.Value) : null;
    }
}
