using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Tests.Storage;

/// Builds databases the way ai-menshen (Go) left them: its own CREATE TABLE statements.
public static class LegacyDatabase
{
    /// The schema of ai-menshen's internal/storage.go (bodies in their own tables).
    public const string CurrentSchema = """
        CREATE TABLE request_logs (
            id TEXT PRIMARY KEY, model TEXT NOT NULL, path TEXT NOT NULL, cache_key TEXT,
            created_at INTEGER NOT NULL);
        CREATE TABLE response_logs (
            request_id TEXT PRIMARY KEY, status_code INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
            from_cache INTEGER DEFAULT 0, cache_hit_request_id TEXT,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        CREATE TABLE request_bodies (
            request_id TEXT PRIMARY KEY, content TEXT NOT NULL,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        CREATE TABLE response_bodies (
            request_id TEXT PRIMARY KEY, content TEXT NOT NULL,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        CREATE TABLE usage_logs (
            request_id TEXT PRIMARY KEY, prompt_tokens INTEGER, completion_tokens INTEGER,
            total_tokens INTEGER, cached_tokens INTEGER,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        CREATE INDEX idx_requests_created_at ON request_logs(created_at);
        CREATE INDEX idx_requests_cache_key ON request_logs(cache_key);
        """;

    /// The earlier shape (as its mock.sql fills it): bodies inline, no body tables.
    public const string InlineBodySchema = """
        CREATE TABLE request_logs (
            id TEXT PRIMARY KEY, model TEXT NOT NULL, path TEXT NOT NULL, cache_key TEXT,
            created_at INTEGER NOT NULL, request_body TEXT);
        CREATE TABLE response_logs (
            request_id TEXT PRIMARY KEY, status_code INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
            from_cache INTEGER DEFAULT 0, response_body TEXT,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        CREATE TABLE usage_logs (
            request_id TEXT PRIMARY KEY, prompt_tokens INTEGER, completion_tokens INTEGER,
            total_tokens INTEGER, cached_tokens INTEGER,
            FOREIGN KEY(request_id) REFERENCES request_logs(id) ON DELETE CASCADE);
        """;

    public static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] args)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static void Request(SqliteConnection c, string id, long createdAt, string model, string path,
        string? cacheKey, int status, long durationMs, bool fromCache = false, string? cacheHit = null)
    {
        Execute(c, "INSERT INTO request_logs (id, model, path, cache_key, created_at) VALUES ($id, $m, $p, $k, $t)",
            ("$id", id), ("$m", model), ("$p", path), ("$k", cacheKey), ("$t", createdAt));
        Execute(c, "INSERT INTO response_logs (request_id, status_code, duration_ms, from_cache, cache_hit_request_id) VALUES ($id, $s, $d, $f, $h)",
            ("$id", id), ("$s", status), ("$d", durationMs), ("$f", fromCache ? 1 : 0), ("$h", cacheHit));
    }

    public static void Bodies(SqliteConnection c, string id, string request, string response)
    {
        Execute(c, "INSERT INTO request_bodies (request_id, content) VALUES ($id, $c)", ("$id", id), ("$c", request));
        Execute(c, "INSERT INTO response_bodies (request_id, content) VALUES ($id, $c)", ("$id", id), ("$c", response));
    }

    public static void Usage(SqliteConnection c, string id, long prompt, long completion, long total, long? cached)
    {
        Execute(c, "INSERT INTO usage_logs (request_id, prompt_tokens, completion_tokens, total_tokens, cached_tokens) VALUES ($id, $p, $c, $t, $k)",
            ("$id", id), ("$p", prompt), ("$c", completion), ("$t", total), ("$k", cached));
    }
}
