using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Menshen.ReportBench;

/// Writes the rows straight into the real schema (every index included), in one transaction
/// with two prepared INSERTs; the report sums are rebuilt from them afterwards.
internal static class Seeder
{
    private static readonly string[] RequestColumns =
    [
        "id", "created_at", "client_key", "method", "path", "endpoint", "provider", "requested_model", "model",
        "stream", "status", "duration_ms", "ttfb_ms", "attempts", "error", "client_closed", "complete",
        "request_bytes", "response_bytes", "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens",
        "reasoning_tokens", "usage_source", "cost_usd", "cache_status", "cache_source_id", "cache_key",
        "cache_eligible", "content_type", "request_preview", "response_preview",
    ];

    private static readonly string[] BodyColumns =
    [
        "request_id", "request_body", "request_encoding", "request_size", "request_truncated",
        "response_body", "response_encoding", "response_size", "response_truncated",
    ];

    /// Seeds `count` rows ending at `now`; returns the seconds it took.
    public static double Seed(SqliteConnection connection, int count, DateTimeOffset now, int seed)
    {
        var random = new Random(seed);
        var pool = BodyPool.Create(random);
        var clock = Stopwatch.StartNew();
        // A large page cache for the bulk load only: eleven indexes take rows in random order.
        Pragma(connection, "PRAGMA cache_size = -1048576");
        using var tx = connection.BeginTransaction();
        using var requests = Prepare(connection, tx, "requests", RequestColumns);
        using var bodies = Prepare(connection, tx, "bodies", BodyColumns);
        foreach (var row in Rows(random, pool, count, now))
        {
            Execute(requests, row.Request);
            Execute(bodies, row.Bodies);
        }
        tx.Commit();
        Pragma(connection, "PRAGMA cache_size = -2000");
        return clock.Elapsed.TotalSeconds;
    }

    public static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// Rows in increasing id order (as the writer appends them), denser towards `now`.
    private static IEnumerable<SeedRow> Rows(Random random, BodyPool pool, int count, DateTimeOffset now)
    {
        var span = SeedShape.Days * 86_400_000L;
        var ages = Enumerable.Range(0, count).Select(_ => (long)(Math.Pow(random.NextDouble(), 1.6) * span))
            .OrderDescending().ToArray();
        var last = 0L;
        for (var i = 0; i < count; i++)
        {
            var at = now.ToUnixTimeMilliseconds() - ages[i];
            last = Math.Max(at * 1000 + random.Next(1000), last + 1);
            yield return SeedRow.Make(random, pool, last, i);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns) command.Parameters.Add(new SqliteParameter("$" + column, null));
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
