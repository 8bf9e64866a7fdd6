using Menshen.Shell.Caching;
using Menshen.Shell.Runtime;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Hosting;

/// The storage seam as the server uses it: one backend's writer, cache store, report reads,
/// retention purge and probes (SQLite's or PostgreSQL's).
internal sealed record ServedStorage(AuditWriter Writer, ICacheStore Cache, IReportStore Reports,
    IRetentionPurge Purge)
{
    public long IdFloor { get; init; }

    /// Where affinity finds the provider of a response id it no longer holds in memory.
    public IResponseOriginStore Origins { get; init; } = new NoResponseOriginStore();

    public Func<int>? IdInstance { get; init; }

    public Func<CancellationToken, Task<bool>>? Writable { get; init; }

    public Func<CancellationToken, Task<string?>>? Degraded { get; init; }

    public Func<long>? SpoolDepth { get; init; }
}
