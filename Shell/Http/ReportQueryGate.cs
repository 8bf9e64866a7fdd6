namespace Menshen.Shell.Http;

/// Bounds how many report queries run at once. Each reads the database synchronously on a pool
/// thread (up to ~200 ms on a million rows); unbounded, six dashboard calls at once on two cores
/// took the cores and the pool from proxied requests, the gateway's own work (proxied p99 30 ms
/// to 1.1 s, docs/performance.md "Report queries beside proxied load"). Queries past the limit
/// wait for a slot without holding a thread; a caller that leaves stops waiting.
public sealed class ReportQueryGate(int limit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, limit), Math.Max(1, limit));

    /// Half the cores, at least one: the other half stays with the proxy path.
    public static int ForCores(int cores) => Math.Max(1, cores / 2);

    /// Runs `query` on the pool once a slot is free.
    public async Task<T> RunAsync<T>(Func<Task<T>> query, CancellationToken aborted)
    {
        await _slots.WaitAsync(aborted);
        try
        {
            return await Task.Run(query, CancellationToken.None);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
