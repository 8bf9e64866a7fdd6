using Menshen.Core.Caching;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.LegacyDatabase;

namespace Menshen.Shell.Tests.Storage;

public class LegacyImportTests
{
    private const long T0 = 1_760_000_000_123;
    private const string StreamRequest = """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Tell a joke"}]}""";
    private const string StreamResponse = "data: {\"choices\":[{\"delta\":{\"content\":\"Why \"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"not?\"}}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task Open_imports_ai_menshen_rows_keeping_times_models_statuses_bodies_and_usage()
    {
        using var temp = BuildCurrentShape();

        using var database = temp.Open();
        var reader = new AuditReader(database);
        var plain = (await reader.GetLogAsync(T0 * 1000))!;
        var stream = (await reader.GetLogAsync(T0 * 1000 + 1))!;
        var hit = (await reader.GetLogAsync((T0 + 1000) * 1000))!;
        var models = (await reader.GetLogAsync((T0 + 2000) * 1000))!;

        Assert.Equal(4, temp.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(("req-aaa", T0, "gpt-4o", 200, 1234.0), (plain.LegacyId, plain.Exchange.StartedAt.ToUnixTimeMilliseconds(), plain.Exchange.EffectiveModel, plain.Exchange.Status, plain.Exchange.DurationMs));
        Assert.Equal((EndpointKind.ChatCompletions, "POST", false), (plain.Exchange.Endpoint, plain.Exchange.Method, plain.Exchange.Stream));
        Assert.Equal(SampleExchanges.ChatRequest, Text(plain.Exchange.RequestBody));
        Assert.Equal(SampleExchanges.ChatResponse, Text(plain.Exchange.ResponseBody));
        Assert.Equal((new TokenUsage(10, 5, 15, 2, null), UsageSource.Body), (plain.Exchange.Usage, plain.Exchange.UsageSource));
        Assert.Equal(("What is WAL mode?", "Write-ahead logging."), (plain.RequestPreview, plain.ResponsePreview));
        Assert.Equal(("req-bbb", true, UsageSource.Stream), (stream.LegacyId, stream.Exchange.Stream, stream.Exchange.UsageSource));
        Assert.Equal(("/v1/chat/completions", "Why not?"), (stream.Exchange.Path, stream.ResponsePreview));
        Assert.Equal((CacheStatus.Hit, T0 * 1000, (TokenUsage?)null), (hit.Exchange.Cache, hit.Exchange.CacheSourceId, hit.Exchange.Usage));
        Assert.Equal((EndpointKind.Passthrough, "GET", 502, null), (models.Exchange.Endpoint, models.Exchange.Method, models.Exchange.Status, models.Exchange.ResponseBody));
        Assert.Equal(0, temp.Count("SELECT COUNT(*) FROM requests WHERE cache_eligible = 1"));
    }

    [Fact]
    public void Open_drops_the_ai_menshen_tables_after_the_import()
    {
        using var temp = BuildCurrentShape();

        using var database = temp.Open();

        Assert.Equal(0, temp.Count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('request_logs', 'response_logs', 'request_bodies', 'response_bodies', 'usage_logs')"));
        Assert.Equal(AuditDatabase.SchemaVersion, temp.Count("PRAGMA user_version"));
        Assert.Equal(2, temp.Count("PRAGMA auto_vacuum"));
    }

    /// helper-81: the import dropped ai-menshen's tables and kept no copy, so going back to the
    /// Go binary found an empty history.
    [Fact]
    public void Open_keeps_a_copy_of_the_file_as_ai_menshen_left_it()
    {
        using var temp = BuildCurrentShape();
        var logger = new ListLogger();

        using (temp.Open(logger)) { }

        var copy = temp.FilePath + ".ai-menshen-go.bak";
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={copy};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(id) FROM (SELECT id FROM request_logs ORDER BY id)";
        Assert.Equal("req-aaa,req-bbb,req-ccc,req-ddd", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal(0L, command.ExecuteScalar());
        Assert.Contains(logger.Lines, line => line.Message.Contains(copy, StringComparison.Ordinal));
        Assert.Equal(0, temp.Count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'request_logs'"));
    }

    /// helper-83: the copy was world-readable (0644) beside a 0600 database, and a copy already
    /// there (one ai-menshen may have gone on writing after a return to it) was taken for this
    /// file's while its tables were dropped.
    [Fact]
    public void The_copy_is_private_and_an_earlier_copy_is_left_as_it_is()
    {
        using var temp = BuildCurrentShape();
        var earlier = temp.FilePath + ".ai-menshen-go.bak";
        File.WriteAllText(earlier, "an earlier copy");

        using (temp.Open()) { }

        Assert.Equal("an earlier copy", File.ReadAllText(earlier));
        var copy = temp.FilePath + ".ai-menshen-go.2.bak";
        Assert.True(File.Exists(copy));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));
    }

    [Fact]
    public void A_file_without_ai_menshens_tables_gets_no_copy()
    {
        using var temp = new TempDatabase();

        using (temp.Open()) { }

        Assert.False(File.Exists(temp.FilePath + ".ai-menshen-go.bak"));
    }

    // A `request_logs` of another program (no `id`, no `created_at`) is not ai-menshen's: the
    // import leaves it alone, so copying the whole file first only cost its size on disk.
    [Fact]
    public void A_request_logs_table_the_import_would_not_read_gets_no_copy()
    {
        using var temp = new TempDatabase();
        using (var raw = temp.Raw())
        using (var command = raw.CreateCommand())
        {
            command.CommandText = "CREATE TABLE request_logs (line TEXT)";
            command.ExecuteNonQuery();
        }

        using (temp.Open()) { }

        Assert.False(File.Exists(temp.FilePath + ".ai-menshen-go.bak"));
        Assert.Equal(0, temp.Count("SELECT COUNT(*) FROM requests"));
    }

    [Fact]
    public void Open_twice_imports_once()
    {
        using var temp = BuildCurrentShape();
        using (temp.Open()) { }

        using var again = temp.Open();

        Assert.Equal(4, temp.Count("SELECT COUNT(*) FROM requests"));
    }

    [Fact]
    public async Task Open_imports_the_earlier_shape_with_inline_bodies()
    {
        using var temp = new TempDatabase();
        using (var c = temp.Raw())
        {
            Execute(c, InlineBodySchema);
            Execute(c, "INSERT INTO request_logs (id, model, path, cache_key, created_at, request_body) VALUES ('mock-req-1', 'gpt-4.1-mini', '/chat/completions', 'cache-key-1', $t, $b)",
                ("$t", T0), ("$b", StreamRequest));
            Execute(c, "INSERT INTO response_logs (request_id, status_code, duration_ms, from_cache, response_body) VALUES ('mock-req-1', 200, 321, 0, $b)",
                ("$b", SampleExchanges.ChatResponse));
            Execute(c, "INSERT INTO usage_logs VALUES ('mock-req-1', 50, 20, 70, 0)");
        }

        using var database = temp.Open();
        var actual = (await new AuditReader(database).GetLogAsync(T0 * 1000))!;

        Assert.Equal(("mock-req-1", 321.0, true), (actual.LegacyId, actual.Exchange.DurationMs, actual.Exchange.Stream));
        Assert.Equal(StreamRequest, Text(actual.Exchange.RequestBody));
        Assert.Equal(SampleExchanges.ChatResponse, Text(actual.Exchange.ResponseBody));
        Assert.Equal(new TokenUsage(50, 20, 70, 0, null), actual.Exchange.Usage);
    }

    // The soak probe's 578 MB ai-menshen history left a 1.29 GB -wal file beside the database for
    // as long as the gateway ran: the import and its VACUUM went through the WAL, and SQLite
    // reuses a WAL file without shrinking it while connections stay open (the pool's do).
    [Fact]
    public void Open_of_a_large_history_leaves_no_large_wal_behind()
    {
        using var temp = new TempDatabase();
        using (var c = temp.Raw())
        {
            Execute(c, CurrentSchema);
            using var tx = c.BeginTransaction();
            var answer = new string('x', 4_000);
            for (var i = 0; i < 2_000; i++)
            {
                var id = $"req-{i}";
                Request(c, id, T0 + i, "gpt-4o", "/chat/completions", "k1", 200, 10);
                Bodies(c, id, SampleExchanges.ChatRequest, answer + i);
            }
            tx.Commit();
        }

        using var database = temp.Open();
        using var held = database.OpenConnection(); // the pool keeps the file open, as serving

        Assert.Equal(2_000, temp.Count("SELECT COUNT(*) FROM requests"));
        var wal = new FileInfo(temp.FilePath + "-wal");
        Assert.True(!wal.Exists || wal.Length < 1_000_000, $"-wal holds {wal.Length} bytes");
    }

    internal static TempDatabase BuildCurrentShape()
    {
        var temp = new TempDatabase();
        using var c = temp.Raw();
        Execute(c, CurrentSchema);
        Request(c, "req-aaa", T0, "gpt-4o", "/chat/completions", "k1", 200, 1234);
        Bodies(c, "req-aaa", SampleExchanges.ChatRequest, SampleExchanges.ChatResponse);
        Usage(c, "req-aaa", 10, 5, 15, 2);
        Request(c, "req-bbb", T0, "gpt-4o-mini", "/v1/chat/completions", null, 200, 900);
        Bodies(c, "req-bbb", StreamRequest, StreamResponse);
        Usage(c, "req-bbb", 7, 3, 10, null);
        Request(c, "req-ccc", T0 + 1000, "gpt-4o", "/chat/completions", "k1", 200, 2, fromCache: true, cacheHit: "req-aaa");
        Bodies(c, "req-ccc", SampleExchanges.ChatRequest, SampleExchanges.ChatResponse);
        Request(c, "req-ddd", T0 + 2000, "", "/models", null, 502, 30);
        return temp;
    }

    private static string? Text(Menshen.Core.Audit.CapturedBody? body) =>
        body is null ? null : System.Text.Encoding.UTF8.GetString(body.Bytes.Span);
}
