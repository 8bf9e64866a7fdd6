using System.Text;
using Menshen.Core.Audit;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Menshen.Shell.Tests.Storage.ReportSumsTests;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// The PostgreSQL writer stores each id once and keeps the running sums equal to the rows: a
/// batch that repeats stored ids (a replay, an import run again) adds only the new rows and
/// counts only them, and retention takes purged rows out again.
[Collection("postgres")]
public class PgWriterTests(PgCluster cluster)
{
    // The writer's idle work is queued as a marker; an idle writer's queue still reads empty
    // (it is the audit queue gauge of /metrics). The marker waits out PostgreSQL's gather.
    [Fact]
    public async Task An_idle_writer_reads_an_empty_queue()
    {
        await using var store = await PgStore.CreateAsync(cluster,
            new AuditWriterOptions { Gather = TimeSpan.FromMilliseconds(50) });

        // The idle work comes every second.
        var deepest = 0;
        var until = DateTime.UtcNow.AddSeconds(2.5);
        while (DateTime.UtcNow < until)
        {
            deepest = Math.Max(deepest, store.Writer.QueueDepth);
            await Task.Delay(1);
        }

        Assert.Equal((0, 0L), (deepest, store.Writer.PeakQueueDepth));
    }

    [Fact]
    public async Task A_start_on_an_existing_database_replaces_the_search_function()
    {
        var url = await cluster.CreateDatabaseAsync();
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
            await first.CountAsync("""
                CREATE OR REPLACE FUNCTION body_contains(body bytea, encoding bigint, needle text)
                RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false';
                SELECT 0
                """);

        await using var second = await PgStore.CreateAsync(cluster, url: url);
        var found = await second.CountAsync(
            "SELECT COUNT(*) WHERE body_contains(convert_to('Привет МИР', 'UTF8'), 0, 'мир')");

        Assert.Equal(1, found);
    }

    [Fact]
    public async Task A_role_that_does_not_own_the_search_function_still_starts()
    {
        string url;
        await using (var admin = await PgStore.CreateAsync(cluster))
        {
            await admin.CountAsync("""
                CREATE OR REPLACE FUNCTION body_contains(body bytea, encoding bigint, needle text)
                RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false';
                SELECT 0
                """);
            (_, url) = await admin.GatewayRoleAsync();
        }

        await using var app = await PgStore.CreateAsync(cluster, url: url);
        var found = await app.CountAsync(
            "SELECT COUNT(*) WHERE body_contains(convert_to('abc', 'UTF8'), 0, 'b')");

        Assert.Equal(0, found); // the older rules stay: only the owner may replace them
    }

    [Fact]
    public async Task Replayed_batch_with_ids_already_stored_adds_and_counts_only_the_new_rows()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        var stored = Enumerable.Range(0, 30).Select(Varied).ToArray();
        await store.Backend.Committer.CommitAsync(stored);
        var fresh = Enumerable.Range(30, 20).Select(Varied).ToArray();
        Exchange[] replayed = [.. stored.Select(e => e with { Status = 599, EffectiveModel = "x",
            RequestBody = Body("replayed") }), .. fresh];

        // As the spool's replay writes (the writer's own new rows never repeat a stored id: one
        // that does is another request's, see below).
        try
        {
            await cluster.StopAsync();
            await store.Backend.Committer.CommitAsync(replayed);
        }
        finally
        {
            await cluster.StartAsync();
        }
        await ReplayedAsync(store);

        Assert.Equal(50, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(50, await store.CountAsync("SELECT COUNT(*) FROM bodies"));
        Assert.Equal(0, await store.CountAsync("SELECT COUNT(*) FROM requests WHERE status = 599 OR model = 'x'"));
        Assert.Equal(0, await store.CountAsync(
            "SELECT COUNT(*) FROM bodies WHERE convert_from(request_body, 'UTF8') = 'replayed'"));
        Assert.Equal(50, await store.CountAsync("SELECT SUM(requests) FROM report_quarters"));
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
    }

    // Ids are unique per instance, so a new row whose id is stored already collides with another
    // instance's row (two instances with one number): the insert that skips stored ids for
    // replays would drop it without a word. It is stored under the first spare id free instead.
    [Fact]
    public async Task A_new_row_whose_id_another_row_has_is_stored_under_a_spare_id()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        var id = Varied(1).Id;
        await store.Backend.Committer.CommitAsync([.. Enumerable.Range(0, 3).Select(Varied),
            Varied(5) with { Id = InstanceIds.Spare(id, 0) }]);
        var failedBefore = store.Writer.Failed;

        await store.Writer.SubmitAsync(Varied(1) with { Status = 599 }, CancellationToken.None);
        await store.Writer.SubmitAsync(Varied(7), CancellationToken.None);
        await store.Writer.DrainAsync();

        Assert.Equal(6, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(InstanceIds.Spare(id, 1),
            await store.CountAsync("SELECT id FROM requests WHERE status = 599"));
        Assert.Equal(1, await store.CountAsync(
            $"SELECT COUNT(*) FROM bodies WHERE request_id = {InstanceIds.Spare(id, 1)}"));
        Assert.Equal(0, store.Writer.Failed - failedBefore);
        var moved = Assert.Single(store.Logger.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Contains($"id {id} is another request's", moved.Message, StringComparison.Ordinal);
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
    }

    // Rows spooled while the database was away are replayed later. One already stored is
    // usually itself (its commit's answer was lost), and is skipped without a word; one whose
    // stored row is another request (made while another instance had this one's number) is
    // stored under a spare id, once, even when a replay cut short stored it there already.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replayed_row_whose_id_another_request_has_is_stored_under_a_spare_id(
        bool storedAsideBefore)
    {
        await using var store = await PgStore.CreateAsync(cluster);
        var itself = Varied(2);
        var other = Varied(1) with { Path = "/v1/other", DurationMs = 1234.5 };
        var spare = InstanceIds.Spare(other.Id, 0);
        await store.Backend.Committer.CommitAsync(storedAsideBefore
            ? [Varied(1), itself, other with { Id = spare }] : [Varied(1), itself]);
        var failedBefore = store.Writer.Failed;
        try
        {
            await cluster.StopAsync();
            await store.Backend.Committer.CommitAsync([other, itself, Varied(3)]);
            Assert.Equal(3, store.Backend.SpoolDepth);
        }
        finally
        {
            await cluster.StartAsync();
        }
        await ReplayedAsync(store);

        Assert.Equal(0, store.Backend.SpoolDepth);
        Assert.Equal(4, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(spare, await store.CountAsync(
            "SELECT id FROM requests WHERE path = '/v1/other'"));
        Assert.Equal(0, store.Writer.Failed - failedBefore);
        Assert.DoesNotContain(store.Logger.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains(store.Logger.Lines, l => l.Message.Contains(
            $"id {other.Id} is another request's", StringComparison.Ordinal));
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
    }

    // helper-59: a login the database refuses (a rotated password 28P01, a role that may not log
    // in 28000) was taken for a refused row, so every row was logged lost, and spooled rows were
    // dropped at their replay. It is an outage: rows wait in the spool until the login works.
    [Fact]
    public async Task A_refused_login_spools_the_rows_and_they_arrive_once_it_works_again()
    {
        await using var admin = await PgStore.CreateAsync(cluster);
        var (role, url) = await admin.GatewayRoleAsync();
        await using var app = await PgStore.CreateAsync(cluster, url: url);
        // The committer straight: the writer beside it stays running, and replays when idle.
        await app.Backend.Committer.CommitAsync([Varied(0)]);

        await RefuseLoginAsync(admin, role, app);
        await app.Backend.Committer.CommitAsync([Varied(1), Varied(2)]);
        var spooled = app.Backend.SpoolDepth;
        // The writer tries a replay each idle second: one at least while the login is refused.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var stillSpooled = app.Backend.SpoolDepth;
        await admin.CountAsync($"ALTER ROLE {role} LOGIN; SELECT 0");
        await ReplayedAsync(app);

        Assert.Equal((2L, 2L), (spooled, stillSpooled));
        Assert.Equal(0, app.Backend.SpoolDepth);
        Assert.Equal(3, await admin.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, app.Writer.Failed);
        Assert.DoesNotContain(app.Logger.Lines, l => l.Level == LogLevel.Critical);
    }

    // helper-77: with the database away and the spool's disk full, every row was logged lost
    // while requests went on; once the database was back, the replay could not delete what it
    // had moved (a delete writes too), that threw out of the writer, and every request after it
    // hung. Now the batch is held (back-pressure, /healthz 503) and goes to the database as
    // soon as it is back; the spooled rows follow once the spool takes writes, each once.
    [Fact]
    public async Task A_full_spool_holds_the_rows_and_they_arrive_once_the_database_is_back()
    {
        await using var admin = await PgStore.CreateAsync(cluster);
        var (role, url) = await admin.GatewayRoleAsync();
        await using var app = await PgStore.CreateAsync(cluster, url: url);
        await app.Backend.Committer.CommitAsync([Varied(0)]);
        await RefuseLoginAsync(admin, role, app);
        // More than one replay chunk (256): helper-80 saw the first chunk sent again and again
        // while the spool could not forget it, and the rest never.
        await app.Backend.Committer.CommitAsync([.. Enumerable.Range(1, 300).Select(Varied)]);
        var spooled = app.Backend.SpoolDepth;

        app.Backend.SpoolFileForTests.ConnectionPragmasForTests = "PRAGMA query_only = 1;";
        var held = app.Backend.Committer.CommitAsync([Varied(301)]);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!app.Backend.Committer.Stalled && DateTime.UtcNow < until) await Task.Delay(20);
        var (stalled, heldWhileAway) = (app.Backend.Committer.Stalled, !held.IsCompleted);
        await admin.CountAsync($"ALTER ROLE {role} LOGIN; SELECT 0");
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        // The writer replays when idle (every second), the spool still refusing writes.
        until = DateTime.UtcNow.AddSeconds(30);
        long inDatabase;
        while ((inDatabase = await admin.CountAsync("SELECT COUNT(*) FROM requests")) < 302
            && DateTime.UtcNow < until) await Task.Delay(100);
        var stillSpooled = app.Backend.SpoolDepth;
        app.Backend.SpoolFileForTests.ConnectionPragmasForTests = "PRAGMA query_only = 0;";
        await ReplayedAsync(app);

        Assert.Equal((300L, true, true), (spooled, stalled, heldWhileAway));
        Assert.Equal((302L, 300L), (inDatabase, stillSpooled));
        Assert.False(app.Backend.Committer.Stalled);
        Assert.Equal(302, await admin.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, app.Backend.SpoolDepth);
        Assert.Equal(0, app.Writer.Failed);
        Assert.DoesNotContain(app.Logger.Lines, l => l.Level == LogLevel.Critical);
    }

    // helper-60: a trigger's exception (P0001) on one row was taken for an outage after the fix
    // above, so the whole batch went to the spool and every later row queued behind it for
    // good. A refusal that is not about the database's state is the rows': found one at a
    // time, live and at a replay, and only that row is lost.
    [Fact]
    public async Task A_row_a_trigger_refuses_is_lost_alone_live_and_at_a_replay()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        await store.CountAsync("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.model = 'poison' THEN RAISE EXCEPTION 'no poison'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON requests
                FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            SELECT 0
            """);
        var failedBefore = store.Writer.Failed;

        await store.Backend.Committer.CommitAsync(
            [Varied(1), Varied(2) with { EffectiveModel = "poison" }, Varied(3)]);
        try
        {
            await cluster.StopAsync();
            await store.Backend.Committer.CommitAsync(
                [Varied(4), Varied(5) with { EffectiveModel = "poison" }, Varied(7)]);
        }
        finally
        {
            await cluster.StartAsync();
        }
        await ReplayedAsync(store);

        Assert.Equal(0, store.Backend.SpoolDepth);
        Assert.Equal(4, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(2, store.Writer.Failed - failedBefore);
        Assert.Equal(2, store.Logger.Lines.Count(l => l.Level == LogLevel.Critical));
    }

    [Fact]
    public async Task Id_given_twice_in_one_batch_is_stored_and_counted_once_as_first_given()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        var rows = Enumerable.Range(0, 20).Select(Varied).ToArray();

        await store.Backend.Committer.CommitAsync([.. rows, rows[3] with { Status = 599 }]);

        Assert.Equal(20, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, await store.CountAsync("SELECT COUNT(*) FROM requests WHERE status = 599"));
        Assert.Equal(20, await store.CountAsync("SELECT SUM(requests) FROM report_quarters"));
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
    }

    [Fact]
    public async Task Writer_batches_and_retention_keep_the_sums_equal_to_a_rebuild()
    {
        await using var store = await PgStore.CreateAsync(cluster, new AuditWriterOptions { BatchSize = 37 });
        await store.WriteAllAsync([.. Enumerable.Range(0, 400).Select(Varied)]);
        var written = await SumsAsync(store);
        var writtenRebuilt = await RebuiltAsync(store);
        var purge = new PgRetentionPurge(store.Database);

        var purged = await purge.PurgeAsync(At.AddMinutes(2100).ToUnixTimeMilliseconds(),
            new RetentionOptions { BatchSize = 50, PauseBetweenBatches = TimeSpan.Zero }, TimeProvider.System,
            CancellationToken.None);

        Assert.Equal(writtenRebuilt, written);
        Assert.Equal(300, purged);
        Assert.Equal(await RebuiltAsync(store), await SumsAsync(store));
        Assert.Equal(100, await store.CountAsync("SELECT SUM(requests) FROM report_quarters"));
        Assert.Equal(0, await store.CountAsync("SELECT COUNT(*) FROM report_groups WHERE requests <= 0"));
    }

    // The writer replays the spool when idle (every second); calling the committer beside it
    // would replay the same rows twice at once, which the writer never does.
    // The gateway's role may no longer log in, and its open sessions end: an outage to it.
    private static async Task RefuseLoginAsync(PgStore admin, string role, PgStore app)
    {
        await admin.CountAsync($"""
            ALTER ROLE {role} NOLOGIN;
            SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '{role}'
            """);
        app.Database.ClearPools();
    }

    private static async Task ReplayedAsync(PgStore store)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.Backend.SpoolDepth > 0 && DateTime.UtcNow < until) await Task.Delay(100);
    }

    private static async Task<string> RebuiltAsync(PgStore store)
    {
        store.Database.RebuildReportSums();
        return await SumsAsync(store);
    }

    /// Every running-sum row as text, histograms in hex.
    private static async Task<string> SumsAsync(PgStore store)
    {
        const string Sums = "requests, cache_hits, errors, prompt_tokens, completion_tokens, total_tokens, " +
            "cached_tokens, reasoning_tokens, cost_nanos, priced, saved_tokens, saved_cost_nanos, saved_priced, " +
            "cache_write_5m_tokens, cache_write_1h_tokens, encode(latency, 'hex')";
        await using var connection = await store.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"""
            SELECT 'q', quarter, NULL, {Sums} FROM report_quarters
            UNION ALL SELECT 'g' || dimension, hour, coalesce(name, '<null>'), {Sums} FROM report_groups
            UNION ALL SELECT 'd' || dimension, day, coalesce(name, '<null>'), {Sums} FROM report_group_days
            ORDER BY 1, 2, 3
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i)).Append(' ');
            text.Append('\n');
        }
        return text.ToString();
    }
}
