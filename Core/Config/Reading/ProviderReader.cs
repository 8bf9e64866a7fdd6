using System.Collections.Immutable;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Reads `[[providers]]`. An entry that is not a table reads as empty so later indexes stay right.
internal static class ProviderReader
{
    public static ImmutableArray<RawProvider> ReadAll(TableReader root)
    {
        var items = root.Array("providers", "an array of tables ([[providers]])");
        var path = root.Key("providers");
        return items is null ? []
            : [.. items.Value.Select((node, i) => Read(root, KeyPath.Index(path, i), node))];
    }

    private static RawProvider Read(TableReader root, string path, ConfigNode node)
    {
        if (node is not ConfigTable table)
        {
            root.Errors.Add(new ConfigError(path,
                $"expected a table ([[providers]]), got {node.Describe(false)}"));
            return RawProvider.Empty;
        }

        var reader = new TableReader(table, path, "[[providers]]", ConfigSchema.Provider,
            root.Errors);
        return SectionReaders.Read(reader, r => new RawProvider(
            r.String("name"),
            r.String("base_url"),
            r.String("api_key", secret: true),
            Headers(r),
            r.String("model"),
            r.Integer("weight"),
            r.String("proxy", secret: true)) with
        {
            Models = RoutingReader.Models(r),
            Priority = r.Integer("priority"),
            Api = r.String("api"),
        });
    }

    // Header values may be credentials: a mistyped one is described, never quoted.
    private static ImmutableArray<HeaderValue> Headers(TableReader provider) =>
        provider.Node("headers") switch
        {
            null => [],
            ConfigTable table =>
            [.. table.Entries.Select(e => Header(provider, e)).OfType<HeaderValue>()],
            var other => provider.Mismatch<ImmutableArray<HeaderValue>?>(
                "headers", "a table of strings, such as { \"api-key\" = \"...\" }", other) ?? [],
        };

    private static HeaderValue? Header(TableReader provider, ConfigEntry entry)
    {
        if (entry.Value is ConfigString value)
        {
            return new HeaderValue(entry.Key, value.Value);
        }

        var key = KeyPath.Child(provider.Key("headers"), entry.Key);
        provider.Errors.Add(new ConfigError(key,
            $"expected a string header value, got {entry.Value.Describe(false)}"));
        return null;
    }
}
