namespace Menshen.Shell.Proxy;

/// Bounds one wait on the upstream (for headers, or for the next body chunk) without bounding the
/// whole stream: restart it before each wait, pause it while the client is being written to.
public sealed class IdleTimer : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _timeoutSource = new();
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _clientAborted;

    public IdleTimer(TimeSpan timeout, CancellationToken clientAborted)
    {
        _timeout = timeout;
        _clientAborted = clientAborted;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, _timeoutSource.Token);
    }

    /// Cancelled when the client goes away or the current wait lasts longer than the timeout.
    public CancellationToken Token => _linked.Token;

    public bool TimedOut => _timeoutSource.IsCancellationRequested && !_clientAborted.IsCancellationRequested;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    public void Restart()
    {
        if (_timeout > TimeSpan.Zero && !_timeoutSource.IsCancellationRequested) _timeoutSource.CancelAfter(_timeout);
    }

    public void Pause()
    {
        if (!_timeoutSource.IsCancellationRequested) _timeoutSource.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeoutSource.Dispose();
    }
}
