using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Checks that the audit database takes writes: takes the write lock and lets it go. The lock
/// may be held by a commit or a retention step, and SQLite waits for it synchronously: the probe
/// runs on the pool, never on the socket thread a request runs on (Hosting/InlineScheduling).
/// It first asks the audit writer for its turn (WriteTurn: the writer keeps a transaction open
/// while rows arrive), then SQLite. Both waits together take at most about a second: a lock
/// held longer (another process holding the file, a stuck transaction) reads as not writable,
/// where the connection's own 30 s of retries kept `/healthz` from answering a load balancer.
public static class DatabaseProbe
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    // Both waits together, the turn's and SQLite's lock's.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    public static Func<CancellationToken, Task<bool>> Writable(AuditDatabase database) =>
        async ct =>
        {
            var started = Stopwatch.GetTimestamp();
            if (!await database.WriteTurn.TakeAsync(Budget, ct)) return false;
            try
            {
                var left = Budget - Stopwatch.GetElapsedTime(started);
                return await Task.Run(() => TakesWrites(database, left), ct);
            }
            finally
            {
                database.WriteTurn.Release();
            }
        };

    private static bool TakesWrites(AuditDatabase database, TimeSpan wait)
    {
        // A file removed under the gateway still takes writes through the open handles, into
        // an inode no one will open again (helper-77: /healthz said writable while every row
        // went there, and the next start found an empty database).
        if (!File.Exists(database.Path)) return false;
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandTimeout = 1;
        command.CommandText =
            $"PRAGMA busy_timeout = {Math.Max(1, (int)wait.TotalMilliseconds)}";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            return false;
        }
        finally
        {
            // The connection goes back to the pool: restore the wait every other user expects.
            command.CommandText = AuditDatabase.BusyTimeoutPragma;
            command.ExecuteNonQuery();
        }
    }
}
