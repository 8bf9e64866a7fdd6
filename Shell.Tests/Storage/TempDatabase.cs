using Menshen.Shell.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Storage;

/// A real SQLite file in its own temp folder, removed afterwards.
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(string fileName = "audit.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "menshen-storage-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "data", fileName);
    }

    public string Folder { get; }

    /// The database file (its folder does not exist until something creates it).
    public string FilePath { get; }

    public AuditDatabase Open(ListLogger? logger = null) =>
        AuditDatabase.Open(FilePath, (ILogger?)logger ?? NullLogger.Instance);

    /// A plain connection with no pragmas of ours, for arranging and inspecting.
    public SqliteConnection Raw()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    // AuditDatabase.Dispose clears its own pool; a global ClearAllPools here would close the pooled
    // connections of tests running in parallel and delete their -wal/-shm files under them.
    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
