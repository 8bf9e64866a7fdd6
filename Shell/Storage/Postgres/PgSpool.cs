using Menshen.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage.Postgres;

/// Where audit rows wait while PostgreSQL cannot be reached: a private (0600) SQLite file with
/// the audit schema, written by the same inserter as the SQLite backend. Rows leave it in id
/// order, and only after PostgreSQL committed them; a replay cut short is repeated, and
/// PostgreSQL skips the rows it already has, so each row lands exactly once.
internal sealed class PgSpool : IDisposable
{
    private readonly AuditDatabase _file;
    private long _depth;

    private PgSpool(AuditDatabase file, long depth)
    {
        _file = file;
        _depth = depth;
    }

    public string Path => _file.Path;

    /// The spool's SQLite file (tests set its connection pragmas).
    public AuditDatabase File => _file;

    /// Rows waiting for the database.
    public long Depth => Interlocked.Read(ref _depth);

    public static PgSpool Open(string path, ILogger logger)
    {
        var file = AuditDatabase.Open(path, logger, "spool (rows waiting for PostgreSQL)");
        using var connection = file.OpenConnection();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM requests";
        return new PgSpool(file, Convert.ToInt64(count.ExecuteScalar(),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    /// Keeps the exchanges (one transaction; an id already spooled is skipped).
    public void Add(IReadOnlyList<Exchange> batch)
    {
        using var connection = _file.OpenConnection();
        using var inserter = new ExchangeInserter(connection);
        using var tx = connection.BeginTransaction(deferred: false);
        var added = 0;
        foreach (var exchange in batch)
        {
            if (Contains(tx, exchange.Id)) continue;
            inserter.Insert(tx, exchange);
            added++;
        }
        tx.Commit();
        Interlocked.Add(ref _depth, added);
    }

    /// The oldest spooled rows after id `after`, at most `take`.
    public List<PgRow> Oldest(int take, long after = long.MinValue)
    {
        using var connection = _file.OpenConnection();
        using var command = Sql.Command(connection, PgRow.SqliteSelect,
            ("$after", after), ("$take", (long)take));
        using var reader = command.ExecuteReader();
        var rows = new List<PgRow>(take);
        while (reader.Read()) rows.Add(PgRow.Read(reader));
        return rows;
    }

    /// Forgets the rows up to id `through`, which PostgreSQL has committed.
    public void RemoveThrough(long through)
    {
        using var connection = _file.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: false);
        using var command = Sql.Command(tx, "DELETE FROM requests WHERE id <= $through",
            ("$through", through));
        var removed = command.ExecuteNonQuery();
        tx.Commit();
        Interlocked.Add(ref _depth, -removed);
    }

    /// Forgets rows PostgreSQL has committed.
    public void Remove(IReadOnlyCollection<long> ids)
    {
        using var connection = _file.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: false);
        using var command = Sql.Command(tx,
            "DELETE FROM requests WHERE id IN (SELECT value FROM json_each($ids))",
            ("$ids", ReportRows.IdList(ids)));
        var removed = command.ExecuteNonQuery();
        tx.Commit();
        Interlocked.Add(ref _depth, -removed);
    }

    /// Whether the spool file takes writes (for /healthz while the database is away).
    public Task<bool> WritableAsync(CancellationToken ct) => DatabaseProbe.Writable(_file)(ct);

    public void Dispose() => _file.Dispose();

    private static bool Contains(SqliteTransaction tx, long id)
    {
        using var command = Sql.Command(tx, "SELECT 1 FROM requests WHERE id = $id", ("$id", id));
        return command.ExecuteScalar() is not null;
    }
}
