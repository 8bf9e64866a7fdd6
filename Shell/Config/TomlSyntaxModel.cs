using Menshen.Core.Config.Document;
using Tomlyn.Syntax;

namespace Menshen.Shell.Config;

/// Builds the document model from a validated syntax tree. Tomlyn's own model replaces an array
/// of tables when other tables come between its entries (`[[providers]]`, `[cache]`,
/// `[[providers]]` kept only the last provider); TOML appends, and so does this.
internal static class TomlSyntaxModel
{
    public static ConfigTable Build(DocumentSyntax document)
    {
        var root = new Table();
        AddItems(root, document.KeyValues);
        foreach (var table in document.Tables)
        {
            var path = KeyPath(table.Name!);
            var parent = Descend(root, path[..^1]);
            if (table is TableArraySyntax)
            {
                var next = new Table();
                parent.ArrayAt(path[^1]).Add(next);
                AddItems(next, table.Items);
            }
            else
            {
                AddItems(parent.TableAt(path[^1]), table.Items);
            }
        }
        return root.ToNode();
    }

    private static void AddItems(Table table, SyntaxList<KeyValueSyntax> items)
    {
        foreach (var item in items)
        {
            var path = KeyPath(item.Key!);
            Descend(table, path[..^1]).Set(path[^1], Value(item.Value!));
        }
    }

    // Walks (creating) the tables of a dotted key; an array of tables on the way means its last
    // entry.
    private static Table Descend(Table table, string[] path)
    {
        foreach (var key in path)
        {
            table = table.Find(key) switch
            {
                List<Table> array => array[^1],
                _ => table.TableAt(key),
            };
        }
        return table;
    }

    private static string[] KeyPath(KeySyntax key) =>
        [Name(key.Key!), .. key.DotKeys.Select(d => Name(d.Key!))];

    private static string Name(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key!.Text!,
        StringValueSyntax quoted => quoted.Value!,
        _ => key.ToString() ?? "",
    };

    private static ConfigNode Value(ValueSyntax value) => value switch
    {
        StringValueSyntax s => new ConfigString(s.Value!),
        IntegerValueSyntax n => new ConfigInteger(n.Value),
        FloatValueSyntax d => new ConfigFloat(d.Value),
        BooleanValueSyntax b => new ConfigBool(b.Value),
        DateTimeValueSyntax t => new ConfigDateTime(t.Value.ToString()),
        ArraySyntax a => new ConfigArray([.. a.Items.Select(i => Value(i.Value!))]),
        InlineTableSyntax t => Inline(t),
        _ => new ConfigString(value.ToString() ?? ""),
    };

    private static ConfigTable Inline(InlineTableSyntax inline)
    {
        var table = new Table();
        foreach (var item in inline.Items)
        {
            var keyValue = item.KeyValue!;
            var path = KeyPath(keyValue.Key!);
            Descend(table, path[..^1]).Set(path[^1], Value(keyValue.Value!));
        }
        return table.ToNode();
    }

    /// A table being built: keys in first-seen order; values are nodes, tables or arrays of tables.
    private sealed class Table
    {
        private readonly List<(string Key, object Value)> _entries = [];

        public object? Find(string key) => _entries.Find(e => e.Key == key).Value;

        public void Set(string key, object value)
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (index < 0) _entries.Add((key, value));
            else _entries[index] = (key, value);
        }

        public Table TableAt(string key)
        {
            if (Find(key) is Table existing) return existing;
            var created = new Table();
            Set(key, created);
            return created;
        }

        public List<Table> ArrayAt(string key)
        {
            if (Find(key) is List<Table> existing) return existing;
            var created = new List<Table>();
            Set(key, created);
            return created;
        }

        public ConfigTable ToNode() =>
            new([.. _entries.Select(e => new ConfigEntry(e.Key, Node(e.Value)))]);

        private static ConfigNode Node(object value) => value switch
        {
            Table table => table.ToNode(),
            List<Table> array => new ConfigArray([.. array.Select(t => (ConfigNode)t.ToNode())]),
            ConfigNode node => node,
            _ => ConfigTable.Empty,
        };
    }
}
