using System.Collections.Immutable;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// Reads `[auth]` and its `[[auth.keys]]`.
internal static class AuthReader
{
    public static RawAuth Read(TableReader root) =>
        SectionReaders.Read(root.Section("auth", ConfigSchema.Auth), r => new RawAuth(
            r.Bool("enable"),
            r.String("user"),
            r.String("password", secret: true),
            r.String("token", secret: true),
            Keys(r)));

    private static ImmutableArray<RawClientKey> Keys(TableReader auth)
    {
        var items = auth.Array("keys", "an array of tables ([[auth.keys]])");
        var path = auth.Key("keys");
        return items is null ? []
            : [.. items.Value.Select((node, i) => Key(auth, KeyPath.Index(path, i), node))];
    }

    private static RawClientKey Key(TableReader auth, string path, ConfigNode node)
    {
        if (node is not ConfigTable table)
        {
            auth.Errors.Add(new ConfigError(path,
                $"expected a table ([[auth.keys]]), got {node.Describe(false)}"));
            return RawClientKey.Empty;
        }

        var reader = new TableReader(table, path, "[[auth.keys]]", ConfigSchema.AuthKey,
            auth.Errors);
        return SectionReaders.Read(reader,
            r => new RawClientKey(r.String("name"), r.String("token", secret: true)));
    }
}
