namespace Menshen.Shell.Storage.Postgres;

/// `-import-sqlite PATH` (SPEC §15): copies an SQLite audit database, ours of any version or
/// ai-menshen's, into PostgreSQL. The file is never changed: a copy of it is opened (which
/// brings it to our latest schema, importing ai-menshen's tables with ids derived from their
/// times, the same on every run), then its rows go over in id order through the writer's
/// idempotent INSERT. Run twice, it adds nothing the second time. A row whose id is stored
/// already as another request (an imported ai-menshen id is a millisecond times 1000, which is
/// also instance 0's first id of that millisecond) cannot be imported under it: it is logged
/// and counted, not passed off as "already there".
public static class SqliteImport
{
    private const int Chunk = 512;

    /// Returns the rows read, the rows that were new to PostgreSQL, and the rows not imported
    /// because their ids belong to other requests stored. Synchronous from end to
    /// end (SQLite reads, the writer's synchronous INSERTs): run it on the pool. Awaiting an
    /// Npgsql call first would leave the rest on a socket thread with inline scheduling, where
    /// the synchronous calls wait for that same thread (Hosting/InlineScheduling).
    public static (long Read, long Added, long Clashed) Run(string sourcePath, PgDatabase database,
        ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!File.Exists(sourcePath))
            throw new FileNotFoundException($"no SQLite database at {sourcePath}", sourcePath);
        var folder = Directory.CreateTempSubdirectory("menshen-import-");
        try
        {
            var copy = Path.Combine(folder.FullName, "audit.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(sourcePath + suffix)) File.Copy(sourcePath + suffix, copy + suffix);
            }
            // The copy's own upgrade is not the user's file: its messages ("tables dropped")
            // would say the opposite of what happens to it (helper-65).
            using var source = AuditDatabase.Open(copy,
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            return Copy(source, database, logger, ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (long Read, long Added, long Clashed) Copy(AuditDatabase source,
        PgDatabase database, ILogger logger, CancellationToken ct)
    {
        long read = 0, added = 0, clashed = 0, after = long.MinValue;
        using var connection = source.OpenConnection();
        using var target = database.OpenConnection();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var rows = new List<PgRow>(Chunk);
            using (var command = Sql.Command(connection, PgRow.SqliteSelect,
                ("$after", after), ("$take", (long)Chunk)))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) rows.Add(PgRow.Read(reader));
            if (rows.Count == 0) return (read, added, clashed);
            var skipped = new List<long>();
            added += PgRowWriter.Write(target, rows, skipped);
            if (skipped.Count > 0)
            {
                var ids = skipped.ToHashSet();
                foreach (var id in PgRowWriter.OthersStored(target,
                    [.. rows.Where(r => ids.Contains(r.Id)).DistinctBy(r => r.Id)]))
                {
                    clashed++;
                    logger.LogWarning("import: audit record {Id} not imported: another request " +
                        "is stored with its id", id);
                }
            }
            read += rows.Count;
            after = rows[^1].Id;
        }
    }
}
