using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Writes rows to PostgreSQL in one transaction: the `requests` rows in one INSERT that skips
/// ids already there (PgRequestInsert), the bodies of the rows it inserted by COPY
/// (PgBodyCopy), and the running sums of those rows. So a batch written twice (a replay after a
/// crash, an import run again) is stored once.
internal static class PgRowWriter
{
    /// Writes the rows (of an id given twice, the first); returns how many were new, and adds
    /// the ids already stored to `skipped` when given.
    public static int Write(NpgsqlConnection connection, IReadOnlyList<PgRow> rows,
        ICollection<long>? skipped = null)
    {
        if (rows.Count == 0) return 0;
        var distinct = rows.DistinctBy(r => r.Id).ToList();
        using var tx = connection.BeginTransaction();
        var added = PgRequestInsert.Run(connection, tx, distinct);
        var inserted = distinct.Where(r => added.Contains(r.Id)).ToList();
        PgBodyCopy.Run(connection,
            [.. inserted.Where(r => r.Body is not null).Select(r => r.Body!)]);
        using (var sums = new ReportSums(connection))
            sums.Add(tx, [.. inserted.Select(r => r.Report)]);
        tx.Commit();
        if (skipped is not null)
        {
            foreach (var row in distinct)
                if (!added.Contains(row.Id)) skipped.Add(row.Id);
        }
        return added.Count;
    }

    /// Of `rows` (ids already stored), the ids whose stored row is another request: it differs
    /// in path, duration or request size (a row stored twice is the same in all three; two
    /// requests of one millisecond never are).
    public static HashSet<long> OthersStored(NpgsqlConnection connection,
        IReadOnlyList<PgRow> rows)
    {
        var path = Array.IndexOf(RequestRow.Columns, "path");
        var duration = Array.IndexOf(RequestRow.Columns, "duration_ms");
        var size = Array.IndexOf(RequestRow.Columns, "request_bytes");
        using var command = new NpgsqlCommand(
            "SELECT t.id FROM unnest(@ids, @paths, @durations, @sizes) AS t(id, path, ms, size) "
            + "JOIN requests r ON r.id = t.id "
            + "WHERE r.path <> t.path OR r.duration_ms <> t.ms OR r.request_bytes <> t.size",
            connection);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. rows.Select(r => r.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("paths",
            [.. rows.Select(r => Convert.ToString(r.Request[path],
                System.Globalization.CultureInfo.InvariantCulture) ?? "")]));
        command.Parameters.Add(new NpgsqlParameter<double[]>("durations",
            [.. rows.Select(r => Convert.ToDouble(r.Request[duration],
                System.Globalization.CultureInfo.InvariantCulture))]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("sizes",
            [.. rows.Select(r => Convert.ToInt64(r.Request[size],
                System.Globalization.CultureInfo.InvariantCulture))]));
        var others = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) others.Add(reader.GetInt64(0));
        return others;
    }
}
