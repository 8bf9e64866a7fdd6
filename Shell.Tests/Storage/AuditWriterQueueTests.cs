using Menshen.Shell.Storage;
using Microsoft.Extensions.Logging;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

public class AuditWriterQueueTests
{
    [Fact]
    public async Task Submit_from_50_concurrent_tasks_writes_exactly_2000_rows()
    {
        await using var store = new StoreFixture(new AuditWriterOptions { Capacity = 64, BatchSize = 16 });
        var ids = Enumerable.Range(0, 2000).Select(n => IdAt(At, n)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(task => Task.Run(async () =>
        {
            for (var i = task; i < ids.Length; i += 50)
                await store.Writer.SubmitAsync(Small(ids[i]), CancellationToken.None);
        })));
        await store.Writer.DrainAsync();

        Assert.Equal(2000, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(2000, store.Count("SELECT COUNT(DISTINCT id) FROM requests"));
        Assert.Equal(2000, store.Count("SELECT COUNT(*) FROM bodies"));
        Assert.Equal(2000, store.Writer.Written);
        Assert.Equal(0, store.Writer.Failed);
    }

    [Fact]
    public async Task Submit_to_a_full_queue_waits_and_nothing_is_dropped()
    {
        await using var store = new StoreFixture(new AuditWriterOptions { Capacity = 2, BatchSize = 2 });
        using var blocker = store.Temp.Raw();
        using var writeLock = blocker.BeginTransaction(deferred: false);
        Exec(blocker, writeLock, "INSERT INTO requests (id, created_at, method, path, endpoint, stream, status, duration_ms, attempts, client_closed, complete, request_bytes, response_bytes, usage_source, cache_status, cache_eligible) VALUES (1, 0, 'GET', '/', 'passthrough', 0, 200, 0, '[]', 0, 0, 0, 0, 0, 0, 0)");

        // The writer is stuck behind our write lock: the queue fills and submitters must wait.
        var submitting = Task.Run(async () =>
        {
            for (var n = 0; n < 40; n++) await store.Writer.SubmitAsync(Small(IdAt(At, n)), CancellationToken.None);
        });
        await Until(() => store.Writer.SubmitWaits > 0 && store.Writer.QueueDepth == 2);
        var waitedWhileBlocked = !submitting.IsCompleted;
        writeLock.Rollback();
        await submitting;
        await store.Writer.DrainAsync();

        Assert.True(waitedWhileBlocked);
        Assert.Equal(40, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(2, store.Writer.PeakQueueDepth);
        Assert.Equal(0, store.Writer.Failed);
    }

    [Fact]
    public async Task DisposeAsync_writes_everything_queued()
    {
        var temp = new TempDatabase();
        using var database = temp.Open();
        var writer = new AuditWriter(database, new AuditWriterOptions { Capacity = 1000, BatchSize = 7 }, new ListLogger());
        for (var n = 0; n < 500; n++) await writer.SubmitAsync(Small(IdAt(At, n)), CancellationToken.None);

        await writer.DisposeAsync();

        Assert.Equal(500, temp.Count("SELECT COUNT(*) FROM requests"));
        temp.Dispose();
    }

    // helper-66: a request still waiting for room when a stop drained the writer threw an
    // unhandled exception (a stack trace per request, 123,619 lines) and was counted nowhere.
    [Fact]
    public async Task A_submit_after_the_writer_stopped_is_a_lost_row_logged_and_counted()
    {
        var temp = new TempDatabase();
        using var database = temp.Open();
        var logger = new ListLogger();
        var writer = new AuditWriter(database, new AuditWriterOptions(), logger);
        await writer.DisposeAsync();
        var late = Small(IdAt(At, 999));

        await writer.SubmitAsync(late, CancellationToken.None);

        Assert.Equal(1, writer.Failed);
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Critical
            && l.Message.Contains($"AUDIT RECORD LOST id={late.Id}", StringComparison.Ordinal));
        temp.Dispose();
    }

    [Fact]
    public async Task Failed_row_is_logged_as_lost_and_the_writer_carries_on()
    {
        await using var store = new StoreFixture(new AuditWriterOptions { BatchSize = 8, RetryDelay = TimeSpan.Zero });
        var first = Small(IdAt(At, 1));
        var duplicate = Small(IdAt(At, 1), model: "other");

        await store.WriteAllAsync(first, Small(IdAt(At, 2)), duplicate, Small(IdAt(At, 3)));

        Assert.Equal(3, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal("gpt-4o", store.Temp.Scalar($"SELECT model FROM requests WHERE id = {first.Id}"));
        Assert.Equal((3L, 1L), (store.Writer.Written, store.Writer.Failed));
        Assert.Contains(store.Logger.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains($"id={first.Id}", StringComparison.Ordinal));
    }

    // A full disk dropped every row ("AUDIT RECORD LOST") while requests went on and /healthz
    // said writable. Now the writer holds its batch and retries; the queue fills and submitters
    // wait (back-pressure, never loss); the stall reads as not writable; once there is room,
    // every row is written.
    [Fact]
    public async Task A_full_database_holds_the_rows_until_there_is_room_again()
    {
        await using var store = FullStore();
        var rows = Enumerable.Range(0, 60).Select(n => Full(IdAt(At, n))).ToArray();

        var submitting = Task.Run(async () =>
        {
            foreach (var row in rows) await store.Writer.SubmitAsync(row, CancellationToken.None);
        });
        await Until(() => store.Writer.Stalled && store.Writer.SubmitWaits > 0);
        var heldWhileFull = !submitting.IsCompleted;
        store.Database.ConnectionPragmasForTests = "PRAGMA max_page_count = 1073741823;";
        await submitting;
        await store.Writer.DrainAsync();

        Assert.True(heldWhileFull);
        Assert.Equal(60, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal((60L, 0L), (store.Writer.Written, store.Writer.Failed));
        Assert.False(store.Writer.Stalled);
        Assert.DoesNotContain(store.Logger.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains(store.Logger.Lines, l => l.Message.Contains("takes no writes", StringComparison.Ordinal));
    }

    // helper-77, -80: a stop with a full disk took 51 s, past systemd's 45: requests held for
    // queue room kept the 30 s grace to its end, and every batch was then retried five times
    // with a stack per try. At the stop's start the held batch gives up, and a batch the
    // storage refuses is not retried: the queue empties (its rows logged lost, one line each)
    // and the held requests go on.
    [Fact]
    public async Task A_stop_on_a_full_database_gives_up_at_once_without_retries()
    {
        await using var store = FullStore();
        var rows = Enumerable.Range(0, 40).Select(n => Full(IdAt(At, n))).ToArray();
        var submitting = Task.Run(async () =>
        {
            foreach (var row in rows) await store.Writer.SubmitAsync(row, CancellationToken.None);
        });
        await Until(() => store.Writer.Stalled && store.Writer.SubmitWaits > 0);

        store.Writer.StopWaitingForStorage();
        await submitting.WaitAsync(TimeSpan.FromSeconds(60));
        await store.Writer.DrainAsync();

        Assert.Equal(40L, store.Writer.Written + store.Writer.Failed);
        Assert.True(store.Writer.Failed > 0);
        Assert.DoesNotContain(store.Logger.Lines, l => l.Message.Contains("(try 2 of",
            StringComparison.Ordinal));
    }

    // A store whose file can grow by two pages only (a full disk), and a small queue behind it.
    private static StoreFixture FullStore()
    {
        var store = new StoreFixture(new AuditWriterOptions
        {
            Capacity = 8, BatchSize = 4, RetryDelay = TimeSpan.FromMilliseconds(5),
        });
        var pages = store.Count("PRAGMA page_count");
        store.Database.ConnectionPragmasForTests = $"PRAGMA max_page_count = {pages + 2};";
        return store;
    }

    private static void Exec(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// Waits for a condition the test causes (not a speed assertion); fails after 10 s.
    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(5, timeout.Token);
    }
}
