using Menshen.Shell.Storage;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Storage;

/// The SQLite writer keeps a transaction open while rows arrive: it must still commit when the
/// traffic stops, and the other writers (the /healthz probe, retention) must still get the lock.
public class OpenTransactionTests
{
    // Long enough that only the write turn, never the commit window, lets the others in.
    private static readonly AuditWriterOptions LongWindow =
        new() { CommitWindow = TimeSpan.FromMinutes(5), BatchSize = 100_000 };

    [Fact]
    public async Task Rows_are_committed_once_the_window_passes_with_no_more_traffic()
    {
        await using var store = new StoreFixture(new AuditWriterOptions
        {
            CommitWindow = TimeSpan.FromMilliseconds(50),
        });

        await store.Writer.SubmitAsync(Small(IdAt(At, 0)), CancellationToken.None);
        await store.Writer.SubmitAsync(Small(IdAt(At, 1)), CancellationToken.None);
        await Until(() => store.Writer.Written == 2);

        // Committed without a drain: another connection sees both rows.
        Assert.Equal(2, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(1, store.Writer.Batches);
    }

    [Fact]
    public async Task The_health_probe_reads_writable_while_rows_keep_arriving()
    {
        await using var store = new StoreFixture(LongWindow);
        using var traffic = new Traffic(store.Writer, At);
        await Until(() => traffic.Submitted > 5);
        var probe = DatabaseProbe.Writable(store.Database);

        var answers = new List<bool>();
        for (var n = 0; n < 5; n++) answers.Add(await probe(CancellationToken.None));
        var submitted = await traffic.StopAsync();
        await store.Writer.DrainAsync();

        // Before the write turn: SQLite's lock was held by the open transaction, so the probe's
        // one second of retries ran out and /healthz said the database takes no writes.
        Assert.Equal([true, true, true, true, true], answers);
        Assert.Equal(submitted, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, store.Writer.Failed);
    }

    [Fact]
    public async Task Retention_purges_while_rows_keep_arriving_and_no_row_is_lost()
    {
        await using var store = new StoreFixture(LongWindow);
        var now = At.AddDays(100);
        var old = Enumerable.Range(0, 30).Select(n => Small(IdAt(At, n))).ToArray();
        // Committed first, by a writer of their own, so the purge surely finds them.
        await using (var seeder = new AuditWriter(store.Database, new(), store.Logger))
        {
            foreach (var row in old) await seeder.SubmitAsync(row, CancellationToken.None);
        }
        using var traffic = new Traffic(store.Writer, now);
        var service = new RetentionService(store.Database, () => 90,
            new RetentionOptions { BatchSize = 7, PauseBetweenBatches = TimeSpan.Zero },
            new ManualClock(now), store.Logger);

        var purged = await service.PurgeOnceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var submitted = await traffic.StopAsync();
        await store.Writer.DrainAsync();

        Assert.Equal(30, purged);
        Assert.Equal(submitted, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, store.Writer.Failed);
    }

    // A review found an idle writer handed the turn over only when its window ended: up to the
    // whole CommitWindow, so with a long one the probe's second ran out.
    [Fact]
    public async Task The_health_probe_reads_writable_while_the_writer_idles_with_rows_open()
    {
        await using var store = new StoreFixture(LongWindow);
        await store.Writer.SubmitAsync(Small(IdAt(At, 0)), CancellationToken.None);
        await Until(() => store.Writer.QueueDepth == 0);
        await Task.Delay(50);

        var actual = await DatabaseProbe.Writable(store.Database)(CancellationToken.None);

        Assert.True(actual);
        Assert.Equal(1, store.Writer.Written);
    }

    // A review found rows were added before the size check: 3 open rows and a batch of 4
    // made one transaction of 7, over BatchSize. A duplicate id makes the transaction fail, and
    // the failure's log line says how many rows it held.
    [Fact]
    public async Task A_transaction_never_holds_more_than_BatchSize_rows()
    {
        await using var store = new StoreFixture(
            LongWindow with { BatchSize = 4, RetryDelay = TimeSpan.Zero });
        for (var n = 0; n < 3; n++)
        {
            await store.Writer.SubmitAsync(Small(IdAt(At, n)), CancellationToken.None);
            await Until(() => store.Writer.QueueDepth == 0);
        }
        await Task.Delay(50);

        // Queued together (each submit completes at once), so the writer takes them as one batch.
        var together = new[] { Small(IdAt(At, 3)), Small(IdAt(At, 4)), Small(IdAt(At, 5)),
            Small(IdAt(At, 0), model: "duplicate") };
        var submits = together.Select(e => store.Writer.SubmitAsync(e, CancellationToken.None))
            .ToArray();
        foreach (var submit in submits) await submit;
        await store.Writer.DrainAsync();

        var failed = store.Logger.Lines.Single(l => l.Message.Contains("open transaction",
            StringComparison.Ordinal)).Message;
        Assert.Contains("of 4 rows", failed, StringComparison.Ordinal);
        Assert.Equal((6L, 1L), (store.Writer.Written, store.Writer.Failed));
    }

    // The commit itself can fail: here the report sums, which a trigger refuses until the test
    // lifts it (a runtime error, not a constraint, so the batch is retried whole). The open
    // transaction rolls back and every row it held still arrives, with its sums, by the careful
    // path.
    [Fact]
    public async Task A_commit_that_fails_loses_no_row_and_no_sum()
    {
        await using var store = new StoreFixture(new AuditWriterOptions
        {
            CommitWindow = TimeSpan.FromMilliseconds(50),
            RetryDelay = TimeSpan.FromMilliseconds(300),
        });
        store.Temp.Scalar("""
            CREATE TABLE refuse_sums (refusing INTEGER NOT NULL);
            INSERT INTO refuse_sums VALUES (1);
            CREATE TRIGGER refuse_sums BEFORE INSERT ON report_quarters
                WHEN (SELECT refusing FROM refuse_sums) = 1
                BEGIN SELECT json('refused'); END;
            """);

        var rows = Enumerable.Range(0, 3).Select(n => Small(IdAt(At, n))).ToArray();
        var submits = rows.Select(e => store.Writer.SubmitAsync(e, CancellationToken.None))
            .ToArray();
        foreach (var submit in submits) await submit;
        await Until(() => store.Logger.Lines.Any(l => l.Message.Contains("(try 1 of",
            StringComparison.Ordinal)));
        store.Temp.Scalar("UPDATE refuse_sums SET refusing = 0");
        await store.Writer.DrainAsync();

        Assert.Contains(store.Logger.Lines, l => l.Message.Contains(
            "open transaction of 3 rows failed", StringComparison.Ordinal));
        Assert.Equal((3L, 0L), (store.Writer.Written, store.Writer.Failed));
        Assert.Equal(3, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(3, store.Count("SELECT SUM(requests) FROM report_quarters"));
    }

    // A row every millisecond or so, until stopped; ids from the given instant on.
    private sealed class Traffic : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _submitted;

        public Traffic(AuditWriter writer, DateTimeOffset from) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await writer.SubmitAsync(Small(IdAt(from, _submitted)), CancellationToken.None);
                Interlocked.Increment(ref _submitted);
                await Task.Delay(1);
            }
        });

        public int Submitted => Volatile.Read(ref _submitted);

        /// Stops the traffic; the rows submitted.
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return Submitted;
        }

        public void Dispose() => _stop.Dispose();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition never held");
            await Task.Delay(10);
        }
    }
}
