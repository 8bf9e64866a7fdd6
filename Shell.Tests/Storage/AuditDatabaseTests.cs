using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class AuditDatabaseTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Open_creates_the_missing_folder_and_private_files()
    {
        await using var store = new StoreFixture();
        await store.WriteAllAsync(Small(IdAt(At)));

        var files = new[] { store.Temp.FilePath, store.Temp.FilePath + "-wal", store.Temp.FilePath + "-shm" };

        Assert.True(Directory.Exists(Path.GetDirectoryName(store.Temp.FilePath)));
        Assert.All(files, f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(f)));
    }

    /// helper-71: a long read (an online `.backup`) kept the log from starting over while the
    /// writer wrote on; once it could, the file kept its size (110 MB) until the next restart.
    [Fact]
    public void The_write_ahead_log_is_cut_back_once_a_long_read_ends()
    {
        using var temp = new TempDatabase();
        using var database = temp.Open();
        using var reader = database.OpenConnection();
        using var writer = database.OpenConnection();
        Execute(writer, "CREATE TABLE filler (blob BLOB)");
        using (var snapshot = reader.BeginTransaction(deferred: true))
        {
            Execute(reader, "SELECT count(*) FROM filler", snapshot);
            for (var i = 0; i < 80; i++)
                Execute(writer, "INSERT INTO filler VALUES (randomblob(1048576))");
            Assert.True(new FileInfo(temp.FilePath + "-wal").Length > AuditDatabase.WalSizeLimit);
        }

        Execute(writer, "PRAGMA wal_checkpoint(PASSIVE)");
        Execute(writer, "INSERT INTO filler VALUES (randomblob(16))");

        Assert.True(new FileInfo(temp.FilePath + "-wal").Length <= AuditDatabase.WalSizeLimit);
    }

    private static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql,
        Microsoft.Data.Sqlite.SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Open_tightens_an_existing_world_readable_file()
    {
        using var temp = new TempDatabase();
        using (temp.Raw()) { }
        File.SetUnixFileMode(temp.FilePath, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var database = temp.Open();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(temp.FilePath));
    }

    [Fact]
    public void Open_sets_schema_version_wal_and_incremental_vacuum()
    {
        using var temp = new TempDatabase();

        using var database = temp.Open();

        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal("wal", temp.Scalar("PRAGMA journal_mode"));
        Assert.Equal(2, temp.Count("PRAGMA auto_vacuum"));
        Assert.Equal(2, temp.Count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('requests', 'bodies')"));
    }

    [Fact]
    public async Task Open_an_existing_file_keeps_its_rows_and_version()
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)), CancellationToken.None);
        }

        using var again = temp.Open();
        var actual = await new AuditReader(again).GetLogAsync(IdAt(At));

        Assert.NotNull(actual);
        Assert.Equal(1, temp.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
    }

    // A file of schema 7 (full log-filter indexes) gets the partial ones of schema 8, with the
    // entries of its existing rows: an aliased and a failed row are found through them.
    [Fact]
    public async Task Open_a_schema_7_file_makes_its_filter_indexes_partial()
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)) with { ResolvedModel = "gpt-4o" }, CancellationToken.None);
            await writer.SubmitAsync(Full(IdAt(At, 1)) with { Status = 502, RequestedModel = "gpt-4o-2024-08-06", ResolvedModel = "gpt-4o-2024-08-06" }, CancellationToken.None);
        }
        temp.Scalar("""
            DROP INDEX ix_requests_status_class_not_2xx; DROP INDEX ix_requests_cache_hits;
            DROP INDEX ix_requests_requested_model_aliased; DROP INDEX ix_requests_resolved_model_aliased;
            CREATE INDEX ix_requests_status_class ON requests(status_class);
            CREATE INDEX ix_requests_cache_status ON requests(cache_status);
            CREATE INDEX ix_requests_requested_model ON requests(requested_model);
            CREATE INDEX ix_requests_resolved_model ON requests(resolved_model);
            PRAGMA user_version = 7;
            """);

        using var again = temp.Open();

        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal(0, temp.Count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_requests_status_class', 'ix_requests_cache_status', 'ix_requests_requested_model', 'ix_requests_resolved_model')"));
        Assert.Equal(4, temp.Count("SELECT COUNT(*) FROM pragma_index_list('requests') WHERE partial = 1 AND name IN ('ix_requests_status_class_not_2xx', 'ix_requests_cache_hits', 'ix_requests_requested_model_aliased', 'ix_requests_resolved_model_aliased')"));
        Assert.Equal((1L, 1L, 1L), (
            temp.Count("SELECT COUNT(*) FROM requests INDEXED BY ix_requests_status_class_not_2xx WHERE status_class = 5 AND status_class <> 2"),
            temp.Count("SELECT COUNT(*) FROM requests INDEXED BY ix_requests_requested_model_aliased WHERE requested_model = 'gpt-4o' AND requested_model IS DISTINCT FROM model"),
            temp.Count("SELECT COUNT(*) FROM requests INDEXED BY ix_requests_resolved_model_aliased WHERE resolved_model = 'gpt-4o' AND resolved_model IS DISTINCT FROM model")));
    }

    // Schema 12: the rows of more than one try are indexed by time for the providers report;
    // schema 13 (SQLite) makes that index hold the provider and the tries the report reads.
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Open_an_older_file_gets_the_covering_failover_index(int version)
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)) with
            {
                Attempts = [new("f", 503, null, 1), new("a", 200, null, 1)],
            }, CancellationToken.None);
            await writer.SubmitAsync(Full(IdAt(At, 1)) with
            {
                Attempts = [new("a", 200, null, 1)],
            }, CancellationToken.None);
        }
        temp.Scalar("DROP INDEX ix_requests_failover_tries;" +
            (version == 12 ? "CREATE INDEX ix_requests_failovers ON requests(created_at) " +
                "WHERE json_array_length(attempts) > 1;" : "") +
            $"PRAGMA user_version = {version};");

        using var again = temp.Open();

        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal(1, temp.Count("SELECT COUNT(*) FROM requests r INDEXED BY " +
            "ix_requests_failover_tries WHERE json_array_length(r.attempts) > 1"));
        Assert.Equal(0, temp.Count(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_requests_failovers'"));
    }

    // Schema 9: a refused upgrade (426, Codex's WebSocket try) is no error in the reports any
    // more; sums written before counted it, and are recomputed from the rows once.
    [Fact]
    public async Task Open_a_schema_8_file_recomputes_its_report_sums()
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)) with { Status = 426 }, CancellationToken.None);
            await writer.SubmitAsync(Full(IdAt(At, 1)) with { Status = 502 }, CancellationToken.None);
        }
        // As schema 8's writer left them: the 426 counted as an error too.
        temp.Scalar("""
            UPDATE report_quarters SET errors = errors + 1;
            UPDATE report_groups SET errors = errors + 1;
            UPDATE report_group_days SET errors = errors + 1;
            PRAGMA user_version = 8;
            """);

        using var again = temp.Open();

        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal((1L, 1L), (temp.Count("SELECT SUM(errors) FROM report_quarters"),
            temp.Count("SELECT MAX(errors) FROM report_groups")));
    }

    // Schema 10: the latency histograms hold only requests a provider answered, not the
    // gateway's own 401s and 426s (helper-47); sums written before held them, and are
    // recomputed from the rows once.
    [Fact]
    public async Task Open_a_schema_9_file_recomputes_its_latency_histograms()
    {
        using var temp = new TempDatabase();
        using (var first = temp.Open())
        {
            await using var writer = new AuditWriter(first, new AuditWriterOptions(), new ListLogger());
            await writer.SubmitAsync(Full(IdAt(At)), CancellationToken.None);
            await writer.SubmitAsync(Full(IdAt(At, 1)) with { Status = 401, Provider = null },
                CancellationToken.None);
        }
        // As schema 9's writer left them: both requests in the histogram.
        temp.Scalar("""
            UPDATE report_quarters SET latency = latency || latency;
            PRAGMA user_version = 9;
            """);

        using var again = temp.Open();

        var bins = new long[Core.Reports.LatencyBins.Count];
        Core.Reports.LatencyBins.AddTo(bins,
            (byte[])temp.Scalar("SELECT latency FROM report_quarters")!);
        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal(1, bins.Sum());
    }

    [Fact]
    public void Open_a_file_from_a_newer_version_is_refused()
    {
        using var temp = new TempDatabase();
        temp.Scalar("PRAGMA user_version = 99");

        var actual = Assert.Throws<SchemaTooNewException>(() => temp.Open());

        Assert.Contains("99", actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_enforce_foreign_keys()
    {
        using var temp = new TempDatabase();
        using var database = temp.Open();
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";

        var actual = command.ExecuteScalar();

        Assert.Equal(1L, actual);
    }
}
