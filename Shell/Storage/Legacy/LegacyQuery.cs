using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage.Legacy;

/// Reads ai-menshen's requests joined to their response, bodies and usage, oldest first.
internal static class LegacyQuery
{
    public static IEnumerable<LegacyRow> Rows(SqliteTransaction tx, LegacySchema s)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Sql(s);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return Read(reader);
    }

    /// The ids that cache hits point at: only these need remembering while ids are reassigned.
    public static HashSet<string> CacheSourceIds(SqliteTransaction tx, LegacySchema s)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!s.Has("response_logs", "cache_hit_request_id")) return ids;
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            "SELECT DISTINCT cache_hit_request_id FROM response_logs WHERE cache_hit_request_id " +
                "IS NOT NULL";
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(Convert.ToString(reader.GetValue(0),
            System.Globalization.CultureInfo.InvariantCulture)!);
        return ids;
    }

    private static string Sql(LegacySchema s) => $"""
        SELECT CAST(rl.id AS TEXT), rl.created_at, {s.Column("request_logs", "rl", "model")},
               {s.Column("request_logs", "rl", "path")},
               {s.Column("request_logs", "rl", "cache_key")},
               {s.Column("response_logs", "rs", "status_code")},
               {s.Column("response_logs", "rs", "duration_ms")},
               {s.Column("response_logs", "rs", "from_cache")},
               CAST({s.Column("response_logs", "rs", "cache_hit_request_id")} AS TEXT),
               COALESCE({s.Column("request_bodies", "rb", "content")},
               {s.Column("request_logs", "rl", "request_body")}),
               COALESCE({s.Column("response_bodies", "sb", "content")},
               {s.Column("response_logs", "rs", "response_body")}),
               {(s.Has("usage_logs", "request_id") ? "ul.request_id IS NOT NULL" : "0")},
               {s.Column("usage_logs", "ul", "prompt_tokens")},
               {s.Column("usage_logs", "ul", "completion_tokens")},
               {s.Column("usage_logs", "ul", "total_tokens")},
               {s.Column("usage_logs", "ul", "cached_tokens")}
        FROM request_logs rl
        {Join(s, "response_logs", "rs")}
        {Join(s, "request_bodies", "rb")}
        {Join(s, "response_bodies", "sb")}
        {Join(s, "usage_logs", "ul")}
        ORDER BY rl.created_at, rl.rowid
        """;

    private static string Join(LegacySchema s, string table, string alias) =>
        s.Has(table, "request_id") ? $"LEFT JOIN {table} {alias} ON {alias}.request_id = rl.id"
        : "";

    private static LegacyRow Read(SqliteDataReader r) => new(
        Id: r.GetString(0),
        CreatedAtMs: r.GetInt64(1),
        Model: Text(r, 2),
        Path: Text(r, 3) ?? "/",
        CacheKey: Text(r, 4),
        Status: r.IsDBNull(5) ? null : r.GetInt32(5),
        DurationMs: Long(r, 6),
        FromCache: !r.IsDBNull(7) && r.GetInt64(7) != 0,
        CacheSourceId: Text(r, 8),
        RequestBody: Text(r, 9),
        ResponseBody: Text(r, 10),
        HasUsage: r.GetInt64(11) != 0,
        PromptTokens: Long(r, 12),
        CompletionTokens: Long(r, 13),
        TotalTokens: Long(r, 14),
        CachedTokens: Long(r, 15));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
