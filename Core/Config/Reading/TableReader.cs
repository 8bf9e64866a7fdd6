using System.Collections.Immutable;
using Menshen.Core.Config.Document;

namespace Menshen.Core.Config.Reading;

/// Reads typed values out of one table, reporting wrong types into a shared error list, and
/// afterwards every key that was not one of `known`. Local mutation only: the reader stays pure.
internal sealed class TableReader(
    ConfigTable table, string path, string label, ImmutableArray<string> known,
    List<ConfigError> errors)
{
    public string Path => path;

    public List<ConfigError> Errors => errors;

    public string Key(string key) => KeyPath.Child(path, key);

    public ConfigNode? Node(string key) => table.Find(key);

    public string? String(string key, bool secret = false) => Node(key) switch
    {
        null => null,
        ConfigString s => s.Value,
        var other => Mismatch<string?>(key, "a string", other, secret),
    };

    public long? Integer(string key) => Node(key) switch
    {
        null => null,
        ConfigInteger i => i.Value,
        var other => Mismatch<long?>(key, "an integer", other),
    };

    public bool? Bool(string key) => Node(key) switch
    {
        null => null,
        ConfigBool b => b.Value,
        var other => Mismatch<bool?>(key, "a boolean (true or false)", other),
    };

    /// An integer or a float, as an exact decimal (prices).
    public decimal? Number(string key) => Node(key) switch
    {
        null => null,
        ConfigInteger i => i.Value,
        ConfigFloat f when double.IsFinite(f.Value) && Math.Abs(f.Value) < 1e15 => (decimal)f.Value,
        var other => Mismatch<decimal?>(key, "a number", other),
    };

    public ImmutableArray<ConfigNode>? Array(string key, string expected) => Node(key) switch
    {
        null => null,
        ConfigArray a => a.Items,
        var other => Mismatch<ImmutableArray<ConfigNode>?>(key, expected, other),
    };

    /// The sub-table at `key` as a reader; a missing or mistyped one reads as empty.
    public TableReader Section(string key, ImmutableArray<string> keys, string? sectionLabel = null)
    {
        var child = Key(key);
        var label = sectionLabel ?? $"[{child}]";
        var found = Node(key) switch
        {
            null => ConfigTable.Empty,
            ConfigTable t => t,
            var other => Mismatch<ConfigTable>(key, $"a table ({label})", other)
            ?? ConfigTable.Empty,
        };
        return new TableReader(found, child, label, keys, errors);
    }

    /// Reports each key of this table that is not known, with the nearest known key as a hint.
    public void RejectUnknown()
    {
        foreach (var entry in table.Entries.Where(e => !known.Contains(e.Key)))
        {
            errors.Add(new ConfigError(Key(entry.Key), UnknownKeyMessage(entry.Key)));
        }
    }

    public T Mismatch<T>(string key, string expected, ConfigNode found, bool secret = false)
    {
        errors.Add(new ConfigError(Key(key),
            $"expected {expected}, got {found.Describe(!secret)}"));
        return default!;
    }

    private string UnknownKeyMessage(string key)
    {
        if (ConfigSchema.Renamed.TryGetValue(Key(key), out var renamed))
        {
            return renamed;
        }

        var elsewhere = ConfigSchema.Tables
            .Where(t => t.Label != label && t.Keys.Contains(key))
            .Select(t => t.Label)
            .ToList();
        return KeySuggestion.Nearest(key, known).Match(
            Some: near => $"unknown key; did you mean `{near}`?",
            None: () => elsewhere.Count == 1
                ? $"unknown key {Where(label)}; `{key}` belongs {Where(elsewhere[0])}"
                : $"unknown key; known keys {Where(label)}: " +
                    $"{string.Join(", ", known.Select(k => $"`{k}`"))}");
    }

    private static string Where(string tableLabel) =>
        tableLabel.Length == 0 ? "at the top level" : $"in {tableLabel}";
}
