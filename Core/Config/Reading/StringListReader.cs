using System.Collections.Immutable;
using Menshen.Core.Config.Document;

namespace Menshen.Core.Config.Reading;

/// Reads an array of strings (`[server] allowed_hosts`, `cors_origins`); a non-string item is
/// reported at its index and left out.
internal static class StringListReader
{
    public static ImmutableArray<string>? Read(TableReader table, string key, string example)
    {
        var items = table.Array(key, $"an array of strings, such as {example}");
        return items?.Select((item, i) => Item(table, key, i, item))
            .OfType<string>()
            .ToImmutableArray();
    }

    private static string? Item(TableReader table, string key, int index, ConfigNode item)
    {
        if (item is ConfigString s) return s.Value;
        table.Errors.Add(new ConfigError(
            KeyPath.Index(table.Key(key), index), $"expected a string, got {item.Describe(true)}"));
        return null;
    }
}
