namespace Menshen.Simulator.Recording;

/// <summary>The thread-safe record of received requests and of client aborts.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private List<RecordedRequest> _requests = [];
    private TaskCompletionSource<RecordedRequest> _firstAbort = NewSignal<RecordedRequest>();
    private TaskCompletionSource<bool> _arrival = NewSignal<bool>();
    private int _generation;
    private int _count;
    private int _aborted;
    private volatile bool _ignoreAborts;

    public int Count => Volatile.Read(ref _count);

    public int AbortedCount => Volatile.Read(ref _aborted);

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
            return [.. _requests];
    }

    /// <summary>Counts a request that is not recorded (bench mode).</summary>
    public void CountUnrecorded()
    {
        Interlocked.Increment(ref _count);
        SignalArrival();
    }

    /// <summary>Records a request and watches for the client going away.</summary>
    public RecordedRequest Begin(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        RecordedRequest recorded;
        lock (_gate)
        {
            recorded = new RecordedRequest(
                _generation, request.Method, request.Path.Value + request.QueryString.Value, headers);
            _requests.Add(recorded);
            Interlocked.Increment(ref _count);
        }
        recorded.AbortRegistration = context.RequestAborted.Register(
            static state =>
            {
                var (log, aborted) = ((RequestLog, RecordedRequest))state!;
                log.OnAborted(aborted);
            },
            (this, recorded));
        SignalArrival();
        return recorded;
    }

    public Task<RecordedRequest> WaitForAbortAsync(TimeSpan timeout)
    {
        lock (_gate)
            return _firstAbort.Task.WaitAsync(timeout);
    }

    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            var arrival = Volatile.Read(ref _arrival).Task;
            if (Count >= count)
                return;
            try
            {
                await arrival.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested)
            {
                throw new TimeoutException($"expected {count} requests within {timeout}, received {Count}");
            }
        }
    }

    /// <summary>From now on, connections that end are the server's doing, not the client's.</summary>
    public void IgnoreAborts() => _ignoreAborts = true;

    public void Reset()
    {
        lock (_gate)
        {
            _generation++;
            _requests = [];
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _aborted, 0);
            _firstAbort = NewSignal<RecordedRequest>();
        }
    }

    // Waiters take the current signal before checking the count, so no arrival is missed.
    private void SignalArrival() => Interlocked.Exchange(ref _arrival, NewSignal<bool>()).TrySetResult(true);

    private void OnAborted(RecordedRequest recorded)
    {
        if (_ignoreAborts || !recorded.TryMarkAborted())
            return;
        lock (_gate)
        {
            if (recorded.Generation != _generation)
                return;
            Interlocked.Increment(ref _aborted);
            _firstAbort.TrySetResult(recorded);
        }
    }

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
