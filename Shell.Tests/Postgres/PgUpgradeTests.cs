using Menshen.Shell.Storage.Postgres;
using Npgsql;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// A database another build made at an older schema version is brought up to date in place:
/// its rows stay, the new columns appear, and rows written after are stored as now.
[Collection("postgres")]
public class PgUpgradeTests(PgCluster cluster)
{
    [Fact]
    public async Task A_version_6_database_is_upgraded_and_keeps_its_rows()
    {
        var url = await cluster.CreateDatabaseAsync();
        var before = Full(IdAt(At));
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(before);
            // What version 6 had: no response_logged, full filter indexes.
            await first.CountAsync("ALTER TABLE bodies DROP COLUMN response_logged; " +
                FullFilterIndexes +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (6); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);
        var after = Cacheable(IdAt(At, 1), new string('f', 64), "{}") with
        {
            ResponseBodyForLog = false,
        };
        await upgraded.WriteAllAsync(after);

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal(1, await upgraded.CountAsync(
            $"SELECT response_logged FROM bodies WHERE request_id = {before.Id}"));
        Assert.Equal(0, await upgraded.CountAsync(
            $"SELECT response_logged FROM bodies WHERE request_id = {after.Id}"));
        Assert.Contains(upgraded.Logger.Lines, l => l.Message.Contains("migration 7",
            StringComparison.Ordinal));
        Assert.Equal(0, await upgraded.CountAsync("SELECT COUNT(*) FROM pg_indexes WHERE " +
            "indexname IN ('ix_requests_status_class', 'ix_requests_cache_status', " +
            "'ix_requests_requested_model', 'ix_requests_resolved_model')"));
    }

    // Version 9, as SQLite's schema 9: the sums are recomputed once, now that a refused
    // upgrade (426) counts as no error.
    [Fact]
    public async Task A_version_8_database_recomputes_its_report_sums()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(Full(IdAt(At)) with { Status = 426 },
                Full(IdAt(At, 1)) with { Status = 502 });
            await first.CountAsync("UPDATE report_quarters SET errors = errors + 1; " +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (8); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal(1, await upgraded.CountAsync("SELECT SUM(errors) FROM report_quarters"));
    }

    // Version 10, as SQLite's schema 10: the latency histograms leave out the gateway's own
    // refusals (a 401 without a provider); written before, they held them. Recomputed once.
    [Fact]
    public async Task A_version_9_database_recomputes_its_latency_histograms()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(Full(IdAt(At)),
                Full(IdAt(At, 1)) with { Status = 401, Provider = null });
            await first.CountAsync("UPDATE report_quarters SET latency = latency || latency; " +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (9); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        // Each (bin u16, count i32) pair is 6 bytes; one row counted: one pair of count 1.
        Assert.Equal(6, await upgraded.CountAsync(
            "SELECT SUM(length(latency)) FROM report_quarters"));
    }

    // helper-49: the same upgrade by the AOT binary hung for good: with inline socket
    // completions (Hosting/InlineScheduling) the synchronous rebuild ran on the socket thread its
    // own reply needed, holding the migration lock. In process (above) it passed, and so does
    // this run of the JIT-compiled entry point, which did not hang before the fix either: the
    // hang itself was reproduced and its fix checked with the AOT binary by hand. This keeps
    // the upgrade through the real entry point covered.
    [Fact]
    public async Task The_gateway_process_upgrades_a_version_9_database_and_serves()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using var sim = await Menshen.Simulator.SimulatorServer.StartAsync(
            new Menshen.Simulator.SimulatorOptions());
        using (var first = await GatewayFleet.StartAsync(url, sim.BaseUrl, 1))
        {
            await GatewayFleet.PostAsync(new HttpClient { BaseAddress =
                first.Gateways[0].BaseAddress }, "before the upgrade");
            first.Gateways[0].Signal("TERM");
            await first.Gateways[0].WaitForExitAsync(TimeSpan.FromSeconds(30));
            await first.ExecuteAsync(
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (9)");
        }

        using var upgraded = await GatewayFleet.StartAsync(url, sim.BaseUrl, 1);

        Assert.Contains("migration 10", upgraded.Gateways[0].Output, StringComparison.Ordinal);
    }

    // Versions 6 and 7: the four log-filter indexes as full ones (made partial by version 8).
    private const string FullFilterIndexes = """
        DROP INDEX IF EXISTS ix_requests_status_class_not_2xx;
        DROP INDEX IF EXISTS ix_requests_cache_hits;
        DROP INDEX IF EXISTS ix_requests_requested_model_aliased;
        DROP INDEX IF EXISTS ix_requests_resolved_model_aliased;
        CREATE INDEX IF NOT EXISTS ix_requests_status_class ON requests(status_class, id);
        CREATE INDEX IF NOT EXISTS ix_requests_cache_status ON requests(cache_status, id);
        CREATE INDEX IF NOT EXISTS ix_requests_requested_model ON requests(requested_model, id);
        CREATE INDEX IF NOT EXISTS ix_requests_resolved_model ON requests(resolved_model, id);
        """;

    // Version 8, as SQLite's schema 8: the four log-filter indexes a typical row (2xx, not a
    // cache hit, models alike) need not enter become partial, so the writer maintains fewer.
    [Fact]
    public async Task A_version_7_database_gets_the_partial_filter_indexes()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(Full(IdAt(At)) with
            {
                Status = 502, RequestedModel = "gpt-4o", ResolvedModel = "gpt-4o-mini",
            });
            // What version 7 had: the four as full indexes.
            await first.CountAsync(FullFilterIndexes +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (7); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal(0, await upgraded.CountAsync("SELECT COUNT(*) FROM pg_indexes WHERE " +
            "indexname IN ('ix_requests_status_class', 'ix_requests_cache_status', " +
            "'ix_requests_requested_model', 'ix_requests_resolved_model')"));
        // The terms LogSql writes for these filters are answered from the partial indexes.
        Assert.Equal(
            new string?[] { "ix_requests_status_class_not_2xx", "ix_requests_cache_hits",
                "ix_requests_requested_model_aliased", "ix_requests_resolved_model_aliased" },
            new[]
            {
                await IndexUsedAsync(upgraded,
                    "r.status_class = 5 AND r.status_class <> 2"),
                await IndexUsedAsync(upgraded, "r.cache_status = 2"),
                await IndexUsedAsync(upgraded, "r.requested_model = 'gpt-4o' " +
                    "AND r.requested_model IS DISTINCT FROM r.model"),
                await IndexUsedAsync(upgraded, "r.resolved_model = 'gpt-4o-mini' " +
                    "AND r.resolved_model IS DISTINCT FROM r.model"),
            });
        Assert.Equal(1, await upgraded.CountAsync(
            "SELECT COUNT(*) FROM requests r WHERE r.status_class = 5 AND r.status_class <> 2"));
    }

    // Version 12: the rows of more than one try are indexed by time, and the report's condition
    // is answered from that index.
    [Fact]
    public async Task A_version_11_database_gets_the_failover_index()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(Full(IdAt(At)) with
            {
                Attempts = [new("f", 503, null, 1), new("a", 200, null, 1)],
            });
            await first.CountAsync("DROP INDEX ix_requests_failovers; " +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (11); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal("ix_requests_failovers", await IndexUsedAsync(upgraded,
            "json_array_length(r.attempts::json) > 1 AND r.created_at >= 0"));
    }

    // The index the planner takes for a count of the rows matching `condition` (sequential
    // scans off: the table is tiny), or null.
    private static async Task<string?> IndexUsedAsync(PgStore store, string condition)
    {
        await using var connection =
            await store.Database.OpenConnectionAsync(CancellationToken.None);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand(
            $"EXPLAIN SELECT COUNT(*) FROM requests r WHERE {condition}", connection);
        await using var plan = await explain.ExecuteReaderAsync();
        while (await plan.ReadAsync())
        {
            var line = plan.GetString(0);
            // "Index Only Scan using ix_… on requests r", or "Bitmap Index Scan on ix_…".
            var at = line.IndexOf("ix_requests_", StringComparison.Ordinal);
            if (at >= 0) return line[at..].Split(' ')[0];
        }
        return null;
    }

    // A review found migration 8 ran under Npgsql's command timeout (30 s by default): on a big
    // shared database its index builds were cut off, rolled back, and every start failed the
    // same way. Here the connection string allows 1 s and the table is big enough that the
    // builds take longer.
    [Fact]
    public async Task A_migration_is_not_cut_off_by_the_command_timeout()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
        }
        var database = url[(url.LastIndexOf('/') + 1)..];
        var settings = $"Host=127.0.0.1;Port={cluster.Port};Username=postgres;" +
            $"Database={database}";
        await using (var fill = new NpgsqlConnection(settings + ";Pooling=false"))
        {
            await fill.OpenAsync();
            // Rows that enter every partial index (502s, cache hits, aliased models). Version 7's
            // full indexes built after them; the other indexes, which the migration does not
            // touch, left out so that the rows go in quickly.
            await using var command = new NpgsqlCommand($"""
                DROP INDEX ix_requests_status_class_not_2xx, ix_requests_cache_hits,
                    ix_requests_requested_model_aliased, ix_requests_resolved_model_aliased,
                    ix_requests_created_at, ix_requests_model, ix_requests_provider,
                    ix_requests_key, ix_requests_endpoint, ix_requests_stream;
                INSERT INTO requests (id, created_at, method, path, endpoint, stream, status,
                    duration_ms, attempts, client_closed, complete, request_bytes,
                    response_bytes, usage_source, cache_status, cache_eligible, model,
                    requested_model, resolved_model)
                SELECT g, g, 'POST', '/v1/chat/completions', 'chat/completions', 0, 502, 1.0,
                    '[]', 0, 1, 1, 1, 0, 2, 0, 'gpt-4o', 'gpt-4o-' || g % 7, 'gpt-4o-' || g % 5
                FROM generate_series(1, {BigTableRows}) g;
                CREATE INDEX ix_requests_status_class ON requests(status_class, id);
                CREATE INDEX ix_requests_cache_status ON requests(cache_status, id);
                CREATE INDEX ix_requests_requested_model ON requests(requested_model, id);
                CREATE INDEX ix_requests_resolved_model ON requests(resolved_model, id);
                DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (7);
                """, fill) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        // Sorts kept small and on one core, so that the builds outlast the second surely.
        await using var upgraded = await PgStore.CreateAsync(cluster,
            url: settings + ";Command Timeout=1;Options=-c maintenance_work_mem=1MB " +
            "-c max_parallel_maintenance_workers=0");

        Assert.Equal(PgDatabase.SchemaVersion,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal(4, await upgraded.CountAsync("SELECT COUNT(*) FROM pg_indexes WHERE " +
            "indexname LIKE 'ix_requests_%' AND indexdef LIKE '% WHERE %' AND indexname IN " +
            "('ix_requests_status_class_not_2xx', 'ix_requests_cache_hits', " +
            "'ix_requests_requested_model_aliased', 'ix_requests_resolved_model_aliased')"));
    }

    private const int BigTableRows = 1_000_000;
}
