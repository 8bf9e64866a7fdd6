using Menshen.Core.Audit;
using Menshen.Shell.Caching;
using Menshen.Shell.Runtime;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Storage;

namespace Menshen.Shell.Tests.Postgres;

/// One backend as the storage seam shows it: the writer, the report reads, the cache store
/// the retention purge and affinity's lookup. The contract tests run the same assertions over each.
public sealed class ContractStore : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private ContractStore(string name, AuditWriter writer, IReportStore reports, ICacheStore cache,
        IRetentionPurge purge, IResponseOriginStore origins, Func<ValueTask> dispose)
    {
        Origins = origins;
        Name = name;
        Writer = writer;
        Reports = reports;
        Cache = cache;
        Purge = purge;
        _dispose = dispose;
    }

    public string Name { get; }
    public AuditWriter Writer { get; }
    public IReportStore Reports { get; }
    public ICacheStore Cache { get; }
    public IRetentionPurge Purge { get; }
    public IResponseOriginStore Origins { get; }

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    public static async Task<ContractStore> OpenAsync(string backend, PgCluster cluster)
    {
        if (backend == "sqlite")
        {
            var store = new StoreFixture();
            return new ContractStore(backend, store.Writer, new SqliteReportStore(store.Database),
                new AuditCacheStore(store.Reader), new SqliteRetentionPurge(store.Database),
                new AuditResponseOrigins(store.Reader), store.DisposeAsync);
        }
        var pg = await PgStore.CreateAsync(cluster);
        return new ContractStore(backend, pg.Writer, new PgReportStore(pg.Database), new PgCacheStore(pg.Database),
            new PgRetentionPurge(pg.Database), new PgResponseOrigins(pg.Database), pg.DisposeAsync);
    }

    /// Writes the exchanges and waits until the writer has committed them all.
    public async Task WriteAllAsync(params Exchange[] exchanges)
    {
        foreach (var exchange in exchanges) await Writer.SubmitAsync(exchange, CancellationToken.None);
        await Writer.DrainAsync();
    }

    public ValueTask DisposeAsync() => _dispose();
}
