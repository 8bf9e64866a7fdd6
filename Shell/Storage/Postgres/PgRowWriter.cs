using System.Text;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Writes rows to PostgreSQL in one transaction: one multi-row INSERT per table, each row
/// skipped when its id is already there (ON CONFLICT DO NOTHING), and the running sums of the
/// rows actually inserted. So a batch written twice (a replay after a crash, an import run
/// again) is stored once.
internal static class PgRowWriter
{
    /// Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement.
    public const int MaxRows = 1024;

    /// Writes the rows; returns how many were new.
    public static int Write(NpgsqlConnection connection, IReadOnlyList<PgRow> rows)
    {
        if (rows.Count == 0) return 0;
        using var tx = connection.BeginTransaction();
        var inserted = new HashSet<long>();
        foreach (var chunk in rows.Chunk(MaxRows))
        {
            inserted.UnionWith(InsertRequests(connection, tx, chunk));
            InsertBodies(connection, tx, [.. chunk.Where(r => r.Body is not null
                && inserted.Contains(r.Id))]);
        }
        using (var sums = new ReportSums(connection))
            sums.Add(tx, [.. rows.Where(r => inserted.Contains(r.Id)).Select(r => r.Report)]);
        tx.Commit();
        return inserted.Count;
    }

    private static List<long> InsertRequests(NpgsqlConnection connection, NpgsqlTransaction tx,
        PgRow[] rows)
    {
        using var command = Insert(connection, tx, "requests", RequestRow.Columns,
            [.. rows.Select(r => r.Request)], "ON CONFLICT (id) DO NOTHING RETURNING id");
        var ids = new List<long>(rows.Length);
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static void InsertBodies(NpgsqlConnection connection, NpgsqlTransaction tx,
        PgRow[] rows)
    {
        if (rows.Length == 0) return;
        using var command = Insert(connection, tx, "bodies", BodyRow.Columns,
            [.. rows.Select(r => r.Body!)], "ON CONFLICT (request_id) DO NOTHING");
        command.ExecuteNonQuery();
    }

    private static NpgsqlCommand Insert(NpgsqlConnection connection, NpgsqlTransaction tx,
        string table, string[] columns, object?[][] rows, string tail)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var command = new NpgsqlCommand { Connection = connection, Transaction = tx };
        var n = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(c == 0 ? "$" : ", $").Append(++n);
                command.Parameters.Add(new NpgsqlParameter { Value = rows[r][c] ?? DBNull.Value });
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return command;
    }
}
