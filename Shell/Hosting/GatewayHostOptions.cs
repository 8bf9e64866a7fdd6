using Menshen.Shell.Audit;

namespace Menshen.Shell.Hosting;

/// What a host is started with besides its config: the clock, the audit sink, console logging.
public sealed record GatewayHostOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public IExchangeSink? Sink { get; init; }
    public Caching.ICacheStore? CacheStore { get; init; }

    /// Where affinity finds a response id's provider after a restart (the audit), if anywhere.
    public Runtime.IResponseOriginStore? ResponseOrigins { get; init; }
    public Http.IReportApi? Reports { get; init; }

    /// Audit ids start above this (the newest stored id), so a clock stepped back never reuses one.
    public long IdFloor { get; init; }

    public Cli.LogFormat LogFormat { get; init; }

    /// The writer behind the sink, when there is one: its queue depth feeds health and metrics.
    public Storage.AuditWriter? AuditWriter { get; init; }

    /// Whether the audit database takes writes, for `/healthz`; null when there is no database.
    public Func<CancellationToken, Task<bool>>? DatabaseWritable { get; init; }
    /// Why the storage is degraded but still recording (rows spooled while the shared database
    /// is away), for `/healthz`; null when it never is.
    public Func<CancellationToken, Task<string?>>? StorageDegraded { get; init; }

    /// Audit rows waiting in the local spool, for `/metrics`; null without a spool.
    public Func<long>? SpoolDepth { get; init; }

    /// The instance number of the ids (InstanceIds) when several gateways share a database, read
    /// for each id (it may change, PgInstanceSlot); null for the single-instance ids.
    public Func<int>? IdInstance { get; init; }

    public bool Quiet { get; init; }

    /// Resolves a listen host name (DNS and /etc/hosts); injectable so a test can name loopback.
    public Func<string, System.Net.IPAddress[]> ResolveHost { get; init; } =
        System.Net.Dns.GetHostAddresses;

    /// The environment's proxy and the upstream name resolver; injectable so a test sets neither
    /// process variables nor /etc/hosts, which the tests running beside it would see.
    public Upstream.UpstreamNetwork Network { get; init; } = Upstream.UpstreamNetwork.OfMachine();

    /// Draws a ticket in [0, total): the weighted pick's randomness, injectable for tests.
    public Func<int, int> DrawTicket { get; init; } = Random.Shared.Next;
}
