namespace Menshen.Shell.Storage;

/// Whose turn it is to hold the SQLite file's write lock within this process. The audit writer
/// keeps a transaction open while rows arrive (BatchCommitter), so SQLite's own busy wait would
/// rarely find the lock free; the other writers (the /healthz probe, retention) ask for a turn
/// here instead, and the writer commits and hands it over at its next row or commit window.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read")]
public sealed class WriteTurn
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    /// True while another writer waits for the turn: the holder should commit and release.
    public bool Wanted => Volatile.Read(ref _waiting) > 0;

    /// Waits for the turn at most <paramref name="timeout"/>; false if it did not come.
    public async Task<bool> TakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await _gate.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// The audit writer's own take: it waits, but does not make the turn wanted.
    public Task TakeForWriterAsync() => _gate.WaitAsync();

    public void Release() => _gate.Release();
}
