using System.Data.Common;
using Menshen.Core.Exchanges;
using Menshen.Core.Reports;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Reads what the reports need of `requests` rows, as <see cref="ReportRow"/>s.
internal static class ReportRows
{
    /// The columns of a ReportRow before schema version 5 (no cache writes), in `Read`'s order.
    public const string V3Columns =
        "r.created_at, r.model, r.provider, r.client_key, r.cache_status, r.status, r.error, " +
            "r.prompt_tokens, "
        + "r.completion_tokens, r.total_tokens, r.cached_tokens, r.reasoning_tokens, r.cost_usd, " +
            "r.duration_ms";

    /// The columns of a ReportRow, in `Read`'s order, of `requests` named `r`.
    public const string Columns =
        V3Columns + ", r.cache_write_5m_tokens, r.cache_write_1h_tokens";

    /// The columns of a ReportRow for a schema with (or, during migration 3, without) the
    /// cache-write columns.
    public static string ColumnsFor(bool cacheWrites) => cacheWrites ? Columns : V3Columns;

    /// The command of ByIds, made once per connection (SQLite: the ids as one JSON array).
    public static SqliteCommand ByIdsCommand(SqliteConnection connection, bool cacheWrites = true)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ColumnsFor(cacheWrites)} FROM requests r " +
            "WHERE r.id IN (SELECT value FROM json_each($ids))";
        command.Parameters.Add(new SqliteParameter("$ids", null));
        return command;
    }

    /// The rows whose ids are given (passed as one JSON array parameter).
    public static List<ReportRow> ByIds(SqliteCommand command, DbTransaction tx,
        IReadOnlyCollection<long> ids)
    {
        command.Transaction = (SqliteTransaction)tx;
        command.Parameters["$ids"].Value = IdList(ids);
        return ReadAll(command);
    }

    /// The rows created in `[fromMs, toMs)`, read through the time index.
    public static List<ReportRow> Between(DbTransaction tx, long fromMs, long toMs)
    {
        using var command = Sql.Command(tx,
            $"SELECT {Columns} FROM requests AS r INDEXED BY ix_requests_report WHERE " +
            $"r.created_at >= $from AND r.created_at < $to", ("$from", fromMs), ("$to", toMs));
        return ReadAll(command);
    }

    /// `[1,2,3]`: ids for `json_each`.
    public static string IdList(IEnumerable<long> ids) =>
        "[" + string.Join(",",
        ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    public static ReportRow Read(DbDataReader r, int first = 0) => new(
        r.GetInt64(first), Text(r, first + 1), Text(r, first + 2), Text(r, first + 3),
        r.GetInt64(first + 4) == 2, (int)r.GetInt64(first + 5),
        ExchangeNote.ClassOf(Text(r, first + 6)),
        Long(r, first + 7), Long(r, first + 8), Long(r, first + 9), Long(r, first + 10),
        Long(r, first + 11), r.IsDBNull(first + 12) ? null : r.GetDouble(first + 12),
        r.GetDouble(first + 13),
        r.FieldCount > first + 15 ? Long(r, first + 14) : null,
        r.FieldCount > first + 15 ? Long(r, first + 15) : null);

    public static SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    public static List<ReportRow> ReadAll(DbCommand command)
    {
        var rows = new List<ReportRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(Read(reader));
        return rows;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
