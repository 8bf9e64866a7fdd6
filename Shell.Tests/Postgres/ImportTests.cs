using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Storage;
using Npgsql;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// `ai-menshen -config FILE -import-sqlite PATH` (SPEC §15), through the real entry point.
[Collection("postgres")]
public class ImportTests(PgCluster cluster)
{
    [Fact]
    public async Task Import_of_our_database_copies_every_row_once_even_when_run_twice()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using var store = new StoreFixture();
        var rows = Enumerable.Range(0, 1500).Select(i => Small(IdAt(At.AddSeconds(-i)) + 7)).Append(Full(IdAt(At))).ToArray();
        await store.WriteAllAsync(rows);
        var config = await ConfigAsync(store.Temp.Folder, url);

        var first = await RunAsync(config, store.Temp.FilePath);
        var second = await RunAsync(config, store.Temp.FilePath);

        Assert.True(first.Code == 0, first.Output);
        Assert.True(second.Code == 0, second.Output);
        Assert.Contains("1501 new", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 new", second.Output, StringComparison.Ordinal);
        Assert.Equal(1501, await ScalarAsync(url, "SELECT COUNT(*) FROM requests"));
        Assert.Equal(1501, await ScalarAsync(url, "SELECT SUM(requests) FROM report_quarters"));
        Assert.Equal(1, await ScalarAsync(url, $"SELECT COUNT(*) FROM bodies WHERE request_id = {IdAt(At)}"));
    }

    /// helper-84: `-rebuild-report-sums` on PostgreSQL never finished (a synchronous Npgsql
    /// call after an awaited one, with the binary's inline socket completions), holding its
    /// lock on `requests`, so every instance's rows went to its spool.
    [Fact]
    public async Task Rebuild_of_the_sums_on_postgres_finishes_and_matches_the_rows()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 120)
            .Select(i => Small(IdAt(At.AddSeconds(-i)) + 7))]);
        var config = await ConfigAsync(store.Temp.Folder, url);
        Assert.Equal(0, (await RunAsync(config, store.Temp.FilePath)).Code);
        await ScalarAsync(url, "UPDATE report_quarters SET requests = requests + 5 RETURNING 1");

        var (code, output) = await RunFlagsAsync(config, "-rebuild-report-sums");

        Assert.True(code == 0, output);
        Assert.Contains("report sums rebuilt from 120 stored requests", output,
            StringComparison.Ordinal);
        Assert.Equal(120, await ScalarAsync(url, "SELECT SUM(requests) FROM report_quarters"));
    }

    [Fact]
    public async Task A_row_whose_id_another_stored_request_has_is_reported_not_passed_off()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using var store = new StoreFixture();
        await store.WriteAllAsync([.. Enumerable.Range(0, 3).Select(i => Small(IdAt(At, i)))]);
        var config = await ConfigAsync(store.Temp.Folder, url);
        var first = await RunAsync(config, store.Temp.FilePath);
        Assert.True(first.Code == 0, first.Output);
        // Another request (another instance's) stored under one of the ids meanwhile.
        await ScalarAsync(url, $"UPDATE requests SET path = '/v1/other' WHERE id = {IdAt(At, 1)} " +
            "RETURNING 1");

        var second = await RunAsync(config, store.Temp.FilePath);

        Assert.True(second.Code == 0, second.Output);
        Assert.Contains("0 new, 1 not imported", second.Output, StringComparison.Ordinal);
        Assert.Contains($"audit record {IdAt(At, 1)} not imported", second.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_an_ai_menshen_database_keeps_its_ids_and_is_idempotent()
    {
        var url = await cluster.CreateDatabaseAsync();
        using var temp = new TempDatabase("legacy.db");
        using (var c = temp.Raw())
        {
            LegacyDatabase.Execute(c, LegacyDatabase.CurrentSchema);
            LegacyDatabase.Request(c, "req-1", 1_741_940_000, "gpt-4o", "/v1/chat/completions", null, 200, 120);
            LegacyDatabase.Bodies(c, "req-1", """{"model":"gpt-4o"}""", """{"choices":[]}""");
            LegacyDatabase.Usage(c, "req-1", 10, 5, 15, null);
            LegacyDatabase.Request(c, "req-2", 1_741_940_060, "gpt-4o-mini", "/v1/chat/completions", null, 500, 30);
        }
        var config = await ConfigAsync(temp.Folder, url);

        var first = await RunAsync(config, temp.FilePath);
        var second = await RunAsync(config, temp.FilePath);

        Assert.True(first.Code == 0 && second.Code == 0, first.Output + second.Output);
        // The copy's upgrade drops its tables; the user's file keeps them (helper-65: the log
        // said "its tables were dropped").
        Assert.DoesNotContain("dropped", first.Output, StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync(url, "SELECT COUNT(*) FROM requests WHERE legacy_id IN ('req-1', 'req-2')"));
        Assert.Equal(15, await ScalarAsync(url, "SELECT total_tokens FROM requests WHERE legacy_id = 'req-1'"));
        Assert.True(File.Exists(temp.FilePath));
        using (var c = temp.Raw())
        using (var command = c.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM request_logs"; // the source is left as it was
            Assert.Equal(2L, command.ExecuteScalar());
        }
    }

    // helper-65: "import of data/base.db failed: Name or service not known" blamed the file.
    [Fact]
    public async Task An_unreachable_postgres_is_named_as_the_reason_the_import_did_not_start()
    {
        using var temp = new TempDatabase("ours.db");
        var config = await ConfigAsync(temp.Folder,
            "postgres://menshen:pw@127.0.0.1:1/menshen");

        var actual = await RunAsync(config, temp.FilePath);

        Assert.Equal(1, actual.Code);
        Assert.Contains($"import of {temp.FilePath} not started: cannot open the PostgreSQL "
            + "database at 127.0.0.1:1 (", actual.Output, StringComparison.Ordinal);
    }

    private static async Task<string> ConfigAsync(string folder, string url)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "import.toml");
        await File.WriteAllTextAsync(path, $"""
            [[providers]]
            base_url = "http://127.0.0.1:9/v1"
            [storage]
            backend = "postgres"
            [storage.postgres]
            url = "{url}"
            spool_path = "{Path.Combine(folder, "spool.db")}"
            """);
        return path;
    }

    private static Task<(int Code, string Output)> RunAsync(string config, string source) =>
        RunFlagsAsync(config, "-import-sqlite", source);

    private static async Task<(int Code, string Output)> RunFlagsAsync(string config,
        params string[] flags)
    {
        var (code, output, errors) = await Process.GatewayProcess.RunToExitWithErrorsAsync(
            config, TimeSpan.FromSeconds(60), flags);
        return (code, output + errors);
    }

    private static async Task<long> ScalarAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(PgDatabase.ConnectionString(
            new Core.Config.PostgresConfig(url, 2, "unused")));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
