using Menshen.Core.Reports;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// The audit SQLite file: created private (0600), in WAL mode, migrated to the latest schema.
/// Hands out configured connections; the writer keeps one, readers take pooled ones.
public sealed class AuditDatabase : IDisposable
{
    /// How long a connection waits for a lock another holds, as every connection is opened.
    public const string BusyTimeoutPragma = "PRAGMA busy_timeout = 5000";
    /// The write-ahead log is cut back to this size each time it starts over (helper-71: a 70 s
    /// `.backup` held a snapshot while the writer wrote on, and the log stayed 110 MB until the
    /// next restart). Far above its usual few MB, so it is not cut under steady load.
    public const long WalSizeLimit = 64L << 20;

    private static readonly string ConnectionPragmas = BusyTimeoutPragma
        + "; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = "
        + WalSizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
    private readonly string _connectionString;

    private AuditDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// The in-process turn at the write lock (the writer keeps a transaction open).
    public WriteTurn WriteTurn { get; } = new();

    /// The schema version this build writes (`PRAGMA user_version` after opening).
    public static int SchemaVersion => Migrations.Latest;

    /// Creates the folder and the private file when missing, sets the file-level pragmas and
    /// runs the pending migrations (importing an ai-menshen database once).
    public static AuditDatabase Open(string path, ILogger logger,
        string role = "audit database")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        SecureFile.Prepare(path);
        var database = new AuditDatabase(path);
        using var connection = database.OpenConnection();
        // auto_vacuum only takes effect before the first table of a new file.
        Pragma(connection, "PRAGMA auto_vacuum = INCREMENTAL");
        Pragma(connection, "PRAGMA journal_mode = WAL");
        Migrations.Run(connection, logger, role);
        EnsureIncrementalVacuum(connection, logger);
        // A migration or an import of an ai-menshen history may have grown the WAL to the size
        // of the database; SQLite reuses it without shrinking while connections stay open.
        Pragma(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        return database;
    }

    /// Pragmas a test adds to every connection opened from here on (`max_page_count`: a
    /// database that fills up, as a full disk does). Null in the gateway.
    public string? ConnectionPragmasForTests { get; set; }

    /// A new (pooled) connection with the per-connection pragmas applied.
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Pragma(connection, ConnectionPragmas + ConnectionPragmasForTests);
        // For the report API's free-text search: bodies may be compressed, so SQL sees them
        // through this function (NULL for a NULL body).
        connection.CreateFunction<byte[]?, long, string?>(
            "body_text", (body, encoding) => body is null ? null
            : BodyCodec.Text(body, (BodyEncoding)encoding),
            isDeterministic: true);
        // The report API's text search `q`: a case-insensitive substring of the stored body.
        // A row without a `bodies` row (LEFT JOIN) passes NULL for both body and encoding.
        connection.CreateFunction<byte[]?, long?, string, bool>(
            "body_contains", (body, encoding, needle) => body is not null
                && BodySearch.Contains(body, (BodyEncoding)(encoding ?? 0), needle),
            isDeterministic: true);
        // The report sums' latency histograms (LatencyBins pairs) are added in their upsert.
        connection.CreateFunction<byte[]?, byte[]?, byte[]?>(
            "latency_add", (a, b) => LatencyBins.Add(a ?? [], b ?? []), isDeterministic: true);
        return connection;
    }

    /// Recomputes the report API's running sums from the rows, in one transaction. Only needed
    /// after rows were written by something other than the writer and retention (a bulk load).
    /// Returns the rows summed. The write lock is held throughout: the writer waits for it.
    public long RebuildReportSums()
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction(deferred: false);
        var summed = ReportSums.Rebuild(tx);
        tx.Commit();
        return summed;
    }

    /// Releases pooled connections so the file is closed.
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal static object? Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// A file made by ai-menshen has no auto_vacuum; switching needs one full VACUUM, done once.
    private static void EnsureIncrementalVacuum(SqliteConnection connection, ILogger logger)
    {
        if (Convert.ToInt32(Pragma(connection, "PRAGMA auto_vacuum"),
            System.Globalization.CultureInfo.InvariantCulture) == 2) return;
        logger.LogInformation(
            "audit database: switching to incremental auto-vacuum (one-time VACUUM)");
        Pragma(connection, "PRAGMA auto_vacuum = INCREMENTAL");
        Pragma(connection, "VACUUM");
    }
}
