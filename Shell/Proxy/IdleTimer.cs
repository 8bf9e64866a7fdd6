using System.Collections.Concurrent;

namespace Menshen.Shell.Proxy;

/// Bounds one wait on the upstream (for headers, or for the next body chunk) without bounding the
/// whole stream: restart it before each wait, pause it while the client is being written to.
public sealed class IdleTimer : IDisposable
{
    // Sources that never fired go back to a pool, with their timer (TryReset keeps a timer that
    // never went off): a linked source and a new timer were ~0.3 KB every request.
    private const int PoolLimit = 256;
    private static readonly ConcurrentQueue<CancellationTokenSource> Pool = new();
    private static int s_pooled;

    private readonly TimeSpan _timeout;
    private readonly CancellationToken _clientAborted;
    private readonly CancellationToken _graceExpired;
    // Cancelled by the timeout, and by the client's or the grace's token through the two
    // registrations (in place of a linked source, which cannot be reused).
    private CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _onClientAborted;
    private readonly CancellationTokenRegistration _onGraceExpired;
    private bool _cancelledWhenDisposed;

    public IdleTimer(TimeSpan timeout, CancellationToken clientAborted,
        CancellationToken graceExpired)
    {
        _timeout = timeout;
        _clientAborted = clientAborted;
        _graceExpired = graceExpired;
        _source = Rent();
        _onClientAborted = clientAborted.UnsafeRegister(CancelSource, _source);
        _onGraceExpired = graceExpired.UnsafeRegister(CancelSource, _source);
    }

    /// Cancelled when the client goes away, the gateway's shutdown grace runs out, or the current
    /// wait lasts longer than the timeout.
    public CancellationToken Token =>
        _source?.Token ?? throw new ObjectDisposedException(nameof(IdleTimer));

    public bool TimedOut => Cancelled && !ClientAborted && !Stopped;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// The shutdown grace ran out (and the client had not left before).
    public bool Stopped => _graceExpired.IsCancellationRequested && !ClientAborted;

    private bool Cancelled => _source?.IsCancellationRequested ?? _cancelledWhenDisposed;

    public void Restart()
    {
        if (_timeout > TimeSpan.Zero && _source is { IsCancellationRequested: false } source)
            source.CancelAfter(_timeout);
    }

    public void Pause()
    {
        if (_timeout > TimeSpan.Zero && _source is { IsCancellationRequested: false } source)
            source.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_source is not { } source) return;
        // Unregistered first: Dispose waits for a callback already running, so none can cancel
        // the source once another request has it.
        _onClientAborted.Dispose();
        _onGraceExpired.Dispose();
        _cancelledWhenDisposed = source.IsCancellationRequested;
        _source = null;
        Return(source);
    }

    private static void CancelSource(object? source) =>
        ((CancellationTokenSource)source!).Cancel();

    private static CancellationTokenSource Rent()
    {
        if (!Pool.TryDequeue(out var source)) return new CancellationTokenSource();
        Interlocked.Decrement(ref s_pooled);
        return source;
    }

    private static void Return(CancellationTokenSource source)
    {
        // A source that fired, or whose timer did, cannot be reset.
        if (!source.TryReset())
        {
            source.Dispose();
            return;
        }
        if (Interlocked.Increment(ref s_pooled) > PoolLimit)
        {
            Interlocked.Decrement(ref s_pooled);
            source.Dispose();
            return;
        }
        Pool.Enqueue(source);
    }
}
