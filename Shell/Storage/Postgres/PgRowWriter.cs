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
}
