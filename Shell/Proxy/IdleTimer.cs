namespace Menshen.Shell.Proxy;

/// Bounds one wait on the upstream (for headers, or for the next body chunk) without bounding the
/// whole stream: restart it before each wait, pause it while the client is being written to.
public sealed class IdleTimer : IDisposable
{
    private readonly TimeSpan _timeout;
    // One source linked to the client's token and timed by CancelAfter: cancelled by either.
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _clientAborted;

    public IdleTimer(TimeSpan timeout, CancellationToken clientAborted)
    {
        _timeout = timeout;
        _clientAborted = clientAborted;
        _source = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
    }

    /// Cancelled when the client goes away or the current wait lasts longer than the timeout.
    public CancellationToken Token => _source.Token;

    public bool TimedOut => _source.IsCancellationRequested
        && !_clientAborted.IsCancellationRequested;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    public void Restart()
    {
        if (_timeout > TimeSpan.Zero
            && !_source.IsCancellationRequested) _source.CancelAfter(_timeout);
    }

    public void Pause()
    {
        if (_timeout > TimeSpan.Zero
            && !_source.IsCancellationRequested) _source.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _source.Dispose();
    }
}
