namespace Menshen.Shell.Proxy;

/// Bounds one wait on the upstream (for headers, or for the next body chunk) without bounding the
/// whole stream: restart it before each wait, pause it while the client is being written to.
public sealed class IdleTimer : IDisposable
{
    private readonly TimeSpan _timeout;
    // One source linked to the client's token and the shutdown grace's, and timed by CancelAfter:
    // cancelled by any of the three.
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _clientAborted;
    private readonly CancellationToken _graceExpired;

    public IdleTimer(TimeSpan timeout, CancellationToken clientAborted,
        CancellationToken graceExpired)
    {
        _timeout = timeout;
        _clientAborted = clientAborted;
        _graceExpired = graceExpired;
        _source = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, graceExpired);
    }

    /// Cancelled when the client goes away, the gateway's shutdown grace runs out, or the current
    /// wait lasts longer than the timeout.
    public CancellationToken Token => _source.Token;

    public bool TimedOut => _source.IsCancellationRequested && !ClientAborted && !Stopped;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// The shutdown grace ran out (and the client had not left before).
    public bool Stopped => _graceExpired.IsCancellationRequested && !ClientAborted;

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
