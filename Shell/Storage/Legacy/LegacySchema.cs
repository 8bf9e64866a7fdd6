using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage.Legacy;

/// Which of ai-menshen's tables and columns a file has. Its schema changed over releases
/// (bodies first lived in `request_logs.request_body` / `response_logs.response_body`, later
/// in `request_bodies` / `response_bodies`), so every optional part is looked up.
internal sealed class LegacySchema
{
    /// ai-menshen's tables, children first: the order they are dropped in after the import.
    public static readonly string[] Tables =
        ["usage_logs", "request_bodies", "response_bodies", "response_logs", "request_logs"];

    private readonly Dictionary<string, HashSet<string>> _columns;

    private LegacySchema(Dictionary<string, HashSet<string>> columns) => _columns = columns;

    public bool IsPresent => Has("request_logs", "id") && Has("request_logs", "created_at");

    public static LegacySchema Read(SqliteTransaction tx) => Read(tx.Connection!, tx);

    /// `tx`: null outside a transaction (the backup's question, before the import's).
    public static LegacySchema Read(SqliteConnection connection, SqliteTransaction? tx)
    {
        var columns = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read()) names.Add(reader.GetString(0));
            if (names.Count > 0) columns[table] = names;
        }
        return new LegacySchema(columns);
    }

    public bool Has(string table) => _columns.ContainsKey(table);

    public bool Has(string table, string column) =>
        _columns.TryGetValue(table, out var names) && names.Contains(column);

    /// `alias.column` when the column exists, else SQL NULL.
    public string Column(string table, string alias, string column) =>
        Has(table, column) ? $"{alias}.{column}" : "NULL";
}
