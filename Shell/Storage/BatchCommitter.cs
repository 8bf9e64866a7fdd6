using Menshen.Core.Audit;
using Menshen.Core.Errors;
using Menshen.Shell.Diagnostics;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Commits batches for the writer on its own connection. Rows go into a transaction that stays
/// open while they arrive, so the per-row work is spread out instead of bursting once per batch
/// (the one-client tail, docs/performance.md); it commits once it is `CommitWindow` old, holds
/// `BatchSize` rows, another writer wants the lock (WriteTurn), or the writer goes idle or
/// drains. If anything in it fails, it is rolled back and its rows take the careful path: the
/// batch is retried with backoff (on a fresh connection); if it still fails, or a row breaks a
/// constraint, the rows are written one by one so one bad row cannot take the others with it.
/// A row that still fails is logged as critical with its id and counted: never lost silently.
internal sealed partial class BatchCommitter(AuditDatabase database, AuditWriterOptions options,
    ILogger logger)
    : IBatchCommitter
{
    private const int SqliteConstraint = 19;
    private static readonly TimeSpan MaxStallRetry = TimeSpan.FromSeconds(2);
    // How often a writer idle with an open transaction looks whether another writer waits.
    private static readonly TimeSpan TurnPoll = TimeSpan.FromMilliseconds(10);
    private readonly List<Exchange> _pending = new(options.BatchSize);
    private Session? _session;
    private SqliteTransaction? _open;
    private long _openedAt;
    // Written by the writer; `_stalled` is read by /healthz on another thread.
    private DateTime _stalledSince;
    private volatile bool _stalled;
    private volatile bool _stopping;
    private long _written;
    private long _failed;
    private long _batches;

    public long Written => Interlocked.Read(ref _written);

    public long Failed => Interlocked.Read(ref _failed);

    public long Batches => Interlocked.Read(ref _batches);

    /// While a transaction is open: how long to wait before looking again (Core).
    public TimeSpan? IdlePeriod => _open is null ? null
        : OpenTransaction.NextWait(OpenFor, options.CommitWindow, TurnPoll);

    public bool GathersItself => true;

    public Task IdleAsync() => Due ? CommitOpenAsync() : Task.CompletedTask;

    public Task DrainedAsync() => CommitOpenAsync();

    public bool Stalled => _stalled;

    public void Stopping() => _stopping = true;

    private TimeSpan OpenFor => Stopwatch.GetElapsedTime(_openedAt);

    private bool Due => OpenTransaction.Due(_pending.Count, OpenFor, options.CommitWindow,
        options.BatchSize, database.WriteTurn.Wanted, _stopping);

    public async Task CommitAsync(IReadOnlyList<Exchange> batch)
    {
        if (OpenTransaction.Full(_pending.Count, batch.Count, options.BatchSize))
            await CommitOpenAsync();
        if (_open is null)
        {
            await database.WriteTurn.TakeForWriterAsync();
            if (!TryBegin())
            {
                database.WriteTurn.Release();
                await CommitCarefullyAsync(batch);
                return;
            }
        }
        _pending.AddRange(batch);
        var error = TryInsert(batch);
        if (error is null && !Due) return;
        await CommitOpenAsync(error);
    }

    // Commits the open transaction and hands the write turn back. On a failure (of an insert
    // before, or of the commit) the transaction is gone, and its rows take the careful path.
    private async Task CommitOpenAsync(Exception? failed = null)
    {
        if (_open is null) return;
        GatewayEvents.Log.WriterCommitStart(_pending.Count);
        var error = failed ?? TryCommitOpen();
        GatewayEvents.Log.WriterCommitStop(_pending.Count);
        try
        {
            _open.Dispose();
        }
        catch (Exception)
        {
            // A failed commit may have rolled back already; the connection is dropped below.
            // Nothing may escape: the writer's loop must live on.
        }
        _open = null;
        database.WriteTurn.Release();
        if (error is null)
        {
            Interlocked.Add(ref _written, _pending.Count);
            Interlocked.Increment(ref _batches);
            _pending.Clear();
            return;
        }
        Exchange[] rows = [.. _pending];
        _pending.Clear();
        DropSession();
        LogOpenFailed(logger, rows.Length, error);
        await CommitCarefullyAsync(rows);
    }

    private bool TryBegin()
    {
        try
        {
            _session ??= new Session(database.OpenConnection());
            _open = _session.Connection.BeginTransaction(deferred: false);
            _openedAt = Stopwatch.GetTimestamp();
            return true;
        }
        catch (Exception)
        {
            // The careful path retries on a fresh connection and logs what keeps failing.
            DropSession();
            return false;
        }
    }

    private Exception? TryInsert(IReadOnlyList<Exchange> batch)
    {
        try
        {
            foreach (var exchange in batch) _session!.Inserter.Insert(_open!, exchange);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private Exception? TryCommitOpen()
    {
        try
        {
            // The report sums move with the rows, in the same transaction (docs/report-api.md).
            _session!.Sums.Add(_open!, [.. _pending.Select(RequestRow.Report)]);
            _open!.Commit();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private async Task CommitCarefullyAsync(IReadOnlyList<Exchange> batch)
    {
        var error = await WriteOrWaitForStorageAsync(batch);
        // Any other failure: a few more tries, then the rows one by one. The first try was the
        // wait's own; a constraint error skips the rest (the same rows fail the same way).
        for (var attempt = 1; error is not null; attempt++)
        {
            LogBatchRetry(logger, batch.Count, attempt, options.MaxAttempts,
                error.GetBaseException().Message);
            // At a stop, storage that refuses now is not retried: each batch's tries held the
            // stop ~1.5 s, past systemd's stop timeout with a full queue (helper-77, -80).
            if (attempt >= options.MaxAttempts
                || error is SqliteException { SqliteErrorCode: SqliteConstraint }
                || (_stopping && error is SqliteException { SqliteErrorCode: var code }
                    && StorageFaults.WaitsForStorage(code))) break;
            await Task.Delay(Backoff.Delay(options.RetryDelay, attempt, TimeSpan.MaxValue));
            error = TryWrite(batch);
        }
        if (error is null) return;
        foreach (var exchange in batch)
        {
            if (TryWrite([exchange]) is { } rowError) LogLost(exchange, rowError);
        }
    }

    // Writes the batch; while the storage itself refuses (a full disk), holds it and retries,
    // the queue filling behind it and requests waiting for room. Only a stop ends the wait.
    // Returns the failure that is not the storage's (or the last one at a stop), else null.
    private async Task<Exception?> WriteOrWaitForStorageAsync(IReadOnlyList<Exchange> batch)
    {
        for (var waited = 1; ; waited++)
        {
            var error = TryWrite(batch);
            if (error is null)
            {
                if (_stalled) LogResumed(logger, DateTime.UtcNow - _stalledSince);
                _stalled = false;
                return null;
            }
            if (error is not SqliteException { SqliteErrorCode: var code }
                || !StorageFaults.WaitsForStorage(code) || _stopping) return error;
            if (!_stalled)
            {
                (_stalledSince, _stalled) = (DateTime.UtcNow, true);
                LogStalled(logger, batch.Count, error.Message, StorageFaults.Hint(code));
            }
            await Task.Delay(Backoff.Delay(options.RetryDelay, waited, MaxStallRetry));
        }
    }

    public void Dispose()
    {
        _open?.Dispose();
        DropSession();
    }

    private Exception? TryWrite(IReadOnlyList<Exchange> rows)
    {
        try
        {
            _session ??= new Session(database.OpenConnection());
            using var tx = _session.Connection.BeginTransaction(deferred: false);
            foreach (var exchange in rows) _session.Inserter.Insert(tx, exchange);
            // The report sums move with the rows, in the same transaction (docs/report-api.md).
            _session.Sums.Add(tx, [.. rows.Select(RequestRow.Report)]);
            tx.Commit();
            Interlocked.Add(ref _written, rows.Count);
            Interlocked.Increment(ref _batches);
            return null;
        }
        catch (Exception e)
        {
            // Whatever failed, the writer lives on; the connection may be broken, so the next
            // try starts from a new one.
            DropSession();
            return e;
        }
    }

    private void LogLost(Exchange exchange, Exception error)
    {
        Interlocked.Increment(ref _failed);
        // The reason, not the stack: a stop on a full disk writes one line per queued row, and
        // thousands of stacks outlasted systemd's stop timeout (helper-77: 51 s).
        LogRowLost(logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status,
            error.GetBaseException().Message);
    }

    private void DropSession()
    {
        _session?.Dispose();
        _session = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: the open transaction of "
        + "{Count} rows failed; retrying them as a batch")]
    private static partial void LogOpenFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: batch of {Count} failed (try {Attempt} of {MaxAttempts}): "
            + "{Reason}")]
    private static partial void LogBatchRetry(ILogger logger, int count, int attempt,
        int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "audit writer: the database takes no "
        + "writes ({Reason}); holding {Count} rows and retrying: requests wait once the queue is "
        + "full, /healthz reads not writable ({Hint})")]
    private static partial void LogStalled(ILogger logger, int count, string reason,
        string hint);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: the database takes writes again after {Stalled}; nothing lost")]
    private static partial void LogResumed(ILogger logger, TimeSpan stalled);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} {Method} {Path} status={Status}: " +
        "{Reason}")]
    private static partial void LogRowLost(ILogger logger, long id, string method, string path,
        int status, string reason);

    private sealed class Session(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public ExchangeInserter Inserter { get; } = new(connection);

        public ReportSums Sums { get; } = new(connection);

        public void Dispose()
        {
            Inserter.Dispose();
            Sums.Dispose();
            Connection.Dispose();
        }
    }
}
