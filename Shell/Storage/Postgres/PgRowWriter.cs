using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Writes rows to PostgreSQL in one transaction: staged by binary COPY, inserted with each row
/// skipped when its id is already there (ON CONFLICT DO NOTHING), and the running sums of the
/// rows actually inserted. So a batch written twice (a replay after a crash, an import run
/// again) is stored once.
internal static class PgRowWriter
{
    /// Writes the rows (of an id given twice, the first); returns how many were new.
    public static int Write(NpgsqlConnection connection, IReadOnlyList<PgRow> rows)
    {
        if (rows.Count == 0) return 0;
        var distinct = rows.DistinctBy(r => r.Id).ToList();
        using var tx = connection.BeginTransaction();
        var added = PgStaging.Write(connection, tx, distinct);
        using (var sums = new ReportSums(connection))
            sums.Add(tx, [.. distinct.Where(r => added.Contains(r.Id)).Select(r => r.Report)]);
        tx.Commit();
        return added.Count;
    }
}
