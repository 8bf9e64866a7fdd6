using Menshen.Core.Audit;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Tests.Storage;

/// A temp database opened with a writer and a reader over it.
public sealed class StoreFixture : IAsyncDisposable
{
    public StoreFixture(AuditWriterOptions? options = null)
    {
        Database = Temp.Open(Logger);
        Writer = new AuditWriter(Database, options ?? new AuditWriterOptions(), Logger);
        Reader = new AuditReader(Database);
    }

    public TempDatabase Temp { get; } = new();

    public ListLogger Logger { get; } = new();

    public AuditDatabase Database { get; }

    public AuditWriter Writer { get; }

    public AuditReader Reader { get; }

    /// Writes the exchanges and waits until the writer has committed them all.
    public async Task WriteAllAsync(params Exchange[] exchanges)
    {
        foreach (var exchange in exchanges) await Writer.SubmitAsync(exchange, CancellationToken.None);
        await Writer.DrainAsync();
    }

    public long Count(string sql) => Temp.Count(sql);

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        Temp.Dispose();
    }
}
