using System.Threading.Channels;
using Menshen.Core.Audit;
using Menshen.Shell.Audit;
using Menshen.Shell.Diagnostics;

namespace Menshen.Shell.Storage;

/// The audit sink: requests enqueue into a bounded channel (waiting when it is full, never
/// dropping) and one dedicated thread commits what is queued in batched transactions. Not a
/// thread-pool thread: a batch holds its thread for a millisecond or more, and requests'
/// continuations run on the pool (docs/performance.md: the writer's batches and the one-client
/// tail). The thread keeps the process's priority: a lower one starved the writer on a busy
/// machine, and requests waited for room in the queue instead.
public sealed class AuditWriter : IExchangeSink, IAsyncDisposable
{
    private readonly Channel<Exchange> _queue;
    private readonly BatchCommitter _committer;
    private readonly TaskCompletionSource _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _peakDepth;
    private long _submitWaits;

    public AuditWriter(AuditDatabase database, AuditWriterOptions options,
        ILogger<AuditWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = Channel.CreateBounded<Exchange>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            // The writer's work must never run inline on a request's thread.
            AllowSynchronousContinuations = false,
        });
        _committer = new BatchCommitter(database, options, logger);
        var thread = new Thread(() => Run(options.BatchSize, options.Gather))
        {
            IsBackground = true,
            Name = "Audit writer",
        };
        thread.Start();
    }

    /// Rows committed so far.
    public long Written => _committer.Written;

    /// Exchanges that could not be written after every retry (each logged as critical).
    public long Failed => _committer.Failed;

    /// Transactions committed (each a batch of rows).
    public long Batches => _committer.Batches;

    public int QueueDepth => _queue.Reader.Count;

    public long PeakQueueDepth => Interlocked.Read(ref _peakDepth);

    /// How many submissions had to wait for room in the queue.
    public long SubmitWaits => Interlocked.Read(ref _submitWaits);

    /// Enqueues the exchange; waits while the queue is full. Throws once the writer is draining.
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!_queue.Writer.TryWrite(exchange)) return SubmitSlowAsync(exchange, cancellationToken);
        NoteDepth();
        return ValueTask.CompletedTask;
    }

    /// Stops accepting, writes everything queued, then closes the writer's connection.
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        await _done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await DrainAsync();

    private async ValueTask SubmitSlowAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submitWaits);
        try
        {
            await _queue.Writer.WriteAsync(exchange, cancellationToken);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException(
                $"audit writer is closed: exchange {exchange.Id} ({exchange.Method} " +
                $"{exchange.Path}) not recorded", e);
        }
        NoteDepth();
    }

    private void NoteDepth()
    {
        long depth = _queue.Reader.Count;
        var peak = Interlocked.Read(ref _peakDepth);
        while (depth > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakDepth, depth, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }

    private void Run(int batchSize, TimeSpan gather)
    {
        var batch = new List<Exchange>(batchSize);
        Exception? failure = null;
        try
        {
            while (WaitToRead())
            {
                if (gather > TimeSpan.Zero && _queue.Reader.Count < batchSize) Thread.Sleep(gather);
                while (batch.Count < batchSize
                    && _queue.Reader.TryRead(out var exchange)) batch.Add(exchange);
                GatewayEvents.Log.WriterBatchStart(batch.Count);
                _committer.Commit(batch);
                GatewayEvents.Log.WriterBatchStop(batch.Count);
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            _committer.Dispose();
        }
        if (failure is null) _done.SetResult();
        else _done.SetException(failure);
    }

    // Blocks this dedicated thread until an exchange is queued; false once completed and empty.
    private bool WaitToRead()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }
}
