using Menshen.Core.Audit;
using Menshen.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Commits batches for the writer on its own connection. A failed batch is retried with
/// backoff (on a fresh connection); if it still fails, or a row breaks a constraint, the rows
/// are written one by one so one bad row cannot take the others with it. A row that still
/// fails is logged as critical with its id and counted: never lost silently.
internal sealed partial class BatchCommitter(AuditDatabase database, AuditWriterOptions options,
    ILogger logger)
    : IBatchCommitter
{
    private const int SqliteConstraint = 19;
    private static readonly TimeSpan MaxStallRetry = TimeSpan.FromSeconds(2);
    private Session? _session;
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

    public TimeSpan? IdlePeriod => null;

    public Task IdleAsync() => Task.CompletedTask;

    public Task DrainedAsync() => Task.CompletedTask;

    public bool Stalled => _stalled;

    public void Stopping() => _stopping = true;

    public async Task CommitAsync(IReadOnlyList<Exchange> batch)
    {
        var error = await WriteOrWaitForStorageAsync(batch);
        // Any other failure: a few more tries, then the rows one by one. The first try was the
        // wait's own; a constraint error skips the rest (the same rows fail the same way).
        for (var attempt = 1; error is not null; attempt++)
        {
            LogBatchRetry(logger, batch.Count, attempt, options.MaxAttempts, error);
            if (attempt >= options.MaxAttempts
                || error is SqliteException { SqliteErrorCode: SqliteConstraint }) break;
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
                LogStalled(logger, batch.Count, error.Message);
            }
            await Task.Delay(Backoff.Delay(options.RetryDelay, waited, MaxStallRetry));
        }
    }

    public void Dispose() => DropSession();

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
        LogRowLost(logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status, error);
    }

    private void DropSession()
    {
        _session?.Dispose();
        _session = null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: batch of {Count} failed (try {Attempt} of {MaxAttempts})")]
    private static partial void LogBatchRetry(ILogger logger, int count, int attempt,
        int maxAttempts, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "audit writer: the database takes no "
        + "writes ({Reason}); holding {Count} rows and retrying: requests wait once the queue is "
        + "full, /healthz reads not writable (a full disk? free some space)")]
    private static partial void LogStalled(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: the database takes writes again after {Stalled}; nothing lost")]
    private static partial void LogResumed(ILogger logger, TimeSpan stalled);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} {Method} {Path} status={Status}")]
    private static partial void LogRowLost(ILogger logger, long id, string method, string path,
        int status, Exception error);

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
