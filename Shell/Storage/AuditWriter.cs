using System.Threading.Channels;
using Menshen.Core.Audit;
using Menshen.Shell.Audit;
using Menshen.Shell.Diagnostics;

namespace Menshen.Shell.Storage;

/// The audit sink: requests enqueue into a bounded channel (waiting when it is full, never
/// dropping) and one background task commits what is queued in batched transactions.
public sealed partial class AuditWriter : IExchangeSink, IAsyncDisposable
{
    // The committer's idle work (committing its open transaction, the spool's replay) is due:
    // queued by a timer that the writer re-arms after each batch, so that its wait is the
    // channel's own (a race of two tasks and a timer per row allocated ~450 B a row).
    private const Exchange? IdleTick = null;
    private readonly Channel<Exchange?> _queue;
    private readonly IBatchCommitter _committer;
    private readonly ILogger _logger;
    private readonly Task _loop;
    // Exchanges submitted after the writer closed (a stop that outlasted the grace).
    private long _refused;
    private long _peakDepth;
    // Idle markers in the queue (at most one or two): not exchanges, so not in its depth.
    private int _ticksQueued;
    private long _submitWaits;

    public AuditWriter(AuditDatabase database, AuditWriterOptions options,
        ILogger<AuditWriter> logger)
        : this(new BatchCommitter(database, options, logger), options, logger)
    {
    }

    /// With another backend's committer (PostgreSQL's): the same queue and back-pressure.
    public AuditWriter(IBatchCommitter committer, AuditWriterOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _queue = Channel.CreateBounded<Exchange?>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            // The writer's work must never run inline on a request's thread.
            AllowSynchronousContinuations = false,
        });
        _committer = committer;
        _loop = Task.Run(() => RunAsync(options.BatchSize, options.Gather));
    }

    /// Rows committed so far.
    public long Written => _committer.Written;

    /// True while the storage refuses writes and the writer holds its batch (a full disk).
    public bool Stalled => _committer.Stalled;

    /// Exchanges that could not be written after every retry, or came after the writer closed
    /// (each logged as critical).
    public long Failed => _committer.Failed + Interlocked.Read(ref _refused);

    /// Transactions committed (each a batch of rows).
    public long Batches => _committer.Batches;

    /// Exchanges waiting in the queue.
    public int QueueDepth =>
        Math.Max(0, _queue.Reader.Count - Volatile.Read(ref _ticksQueued));

    public long PeakQueueDepth => Interlocked.Read(ref _peakDepth);

    /// How many requests had to wait for room in the queue, before they were served or at
    /// their submit.
    public long SubmitWaits => Interlocked.Read(ref _submitWaits);

    /// Enqueues the exchange; waits while the queue is full. Once the writer is draining, the
    /// exchange is lost: logged and counted as one the storage refused.
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!_queue.Writer.TryWrite(exchange)) return SubmitSlowAsync(exchange, cancellationToken);
        NoteDepth();
        return ValueTask.CompletedTask;
    }

    /// Waits while the queue is full (a draining writer has room: its submit says the rest).
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var room = _queue.Writer.WaitToWriteAsync(cancellationToken);
        if (room.IsCompletedSuccessfully) return ValueTask.CompletedTask;
        // Counted with the submissions that waited (helper-69: the stop log said 0 waits
        // while clients were held for a minute).
        Interlocked.Increment(ref _submitWaits);
        return AwaitRoomAsync(room);
    }

    private static async ValueTask AwaitRoomAsync(ValueTask<bool> room) => await room;

    /// The gateway is stopping: a batch waiting for the storage to take writes stops waiting,
    /// so the requests held for queue room are released within the stop's grace instead of
    /// holding it to its end (helper-77: 51 s with a full disk, past systemd's 45).
    public void StopWaitingForStorage() => _committer.Stopping();

    /// Stops accepting, writes everything queued, then closes the writer's connection.
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        _committer.Stopping();
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await DrainAsync();

    private async ValueTask SubmitSlowAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submitWaits);
        try
        {
            await _queue.Writer.WriteAsync(exchange, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // A stop drained the writer while this request waited for room (its storage
            // failing): it was an unhandled exception a request, a stack trace each and no
            // count (helper-66). Now it is a lost row like any other.
            Interlocked.Increment(ref _refused);
            LogClosedLost(_logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status);
            return;
        }
        NoteDepth();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "audit writer: AUDIT RECORD LOST "
        + "id={Id} {Method} {Path} status={Status} (the writer had stopped)")]
    private static partial void LogClosedLost(ILogger logger, long id, string method,
        string path, int status);

    private void NoteDepth()
    {
        long depth = QueueDepth;
        var peak = Interlocked.Read(ref _peakDepth);
        while (depth > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakDepth, depth, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }

    private async Task RunAsync(int batchSize, TimeSpan gather)
    {
        var batch = new List<Exchange>(batchSize);
        using var idleTick = new Timer(_ => QueueIdleTick());
        // Armed before the first wait and after every batch, so it fires once that long passes
        // with nothing queued; read again each time (SQLite's changes with its transaction).
        void ArmIdleTick() => idleTick.Change(_committer.IdlePeriod ?? Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        try
        {
            ArmIdleTick();
            // Awaited directly, the channel's one reusable waiter: a wait allocates nothing.
            while (await _queue.Reader.WaitToReadAsync())
            {
                if (gather > TimeSpan.Zero && !_committer.GathersItself
                    && _queue.Reader.Count < batchSize) await Task.Delay(gather);
                var ticked = false;
                while (batch.Count < batchSize && _queue.Reader.TryRead(out var exchange))
                {
                    if (exchange is not null)
                    {
                        batch.Add(exchange);
                        continue;
                    }
                    ticked = true;
                    Interlocked.Decrement(ref _ticksQueued);
                }
                if (batch.Count > 0)
                {
                    GatewayEvents.Log.WriterBatchStart(batch.Count);
                    await _committer.CommitAsync(batch);
                    GatewayEvents.Log.WriterBatchStop(batch.Count);
                    batch.Clear();
                }
                if (ticked) await _committer.IdleAsync();
                ArmIdleTick();
            }
        }
        finally
        {
            try
            {
                await _committer.DrainedAsync();
            }
            finally
            {
                _committer.Dispose();
            }
        }
    }

    // Counted before it is written, so the depth never reads the marker as an exchange.
    private void QueueIdleTick()
    {
        Interlocked.Increment(ref _ticksQueued);
        if (!_queue.Writer.TryWrite(IdleTick)) Interlocked.Decrement(ref _ticksQueued);
    }
}
