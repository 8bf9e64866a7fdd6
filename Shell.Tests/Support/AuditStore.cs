using Menshen.Shell.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Support;

/// A real audit database in a temp folder with its background writer, as the gateway uses it.
public sealed class AuditStore : IAsyncDisposable
{
    private AuditStore(string folder, AuditDatabase database)
    {
        Folder = folder;
        Database = database;
        Writer = new AuditWriter(database, new AuditWriterOptions(), NullLogger<AuditWriter>.Instance);
        Reader = new AuditReader(database);
        CacheStore = new AuditCacheStore(Reader);
        ResponseOrigins = new AuditResponseOrigins(Reader);
    }

    public string Folder { get; }
    public AuditDatabase Database { get; }
    public AuditWriter Writer { get; }
    public AuditReader Reader { get; }
    public AuditCacheStore CacheStore { get; }
    public AuditResponseOrigins ResponseOrigins { get; }

    public static AuditStore Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "menshen-e2e-" + Guid.NewGuid().ToString("N"));
        return new AuditStore(folder, AuditDatabase.Open(Path.Combine(folder, "audit.db"), NullLogger.Instance));
    }

    /// The stored row of a request, waiting for the background writer to commit it.
    public async Task<StoredLog> StoredAsync(long id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await Reader.GetLogAsync(id) is { } log) return log;
            await Task.Delay(20);
        }
        throw new TimeoutException($"request {id} was not written");
    }

    /// Submits the exchanges to the background writer and waits until it has committed them.
    public async Task WriteAllAsync(IEnumerable<Core.Audit.Exchange> exchanges, TimeSpan? timeout = null)
    {
        var target = Writer.Written;
        foreach (var exchange in exchanges)
        {
            await Writer.SubmitAsync(exchange, CancellationToken.None);
            target++;
        }
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Writer.Written + Writer.Failed < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{target - Writer.Written} records not written");
            await Task.Delay(10);
        }
        Assert.Equal(0, Writer.Failed);
    }

    public long Count()
    {
        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM requests";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } // best effort
    }
}
