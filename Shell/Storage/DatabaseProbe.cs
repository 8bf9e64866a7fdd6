namespace Menshen.Shell.Storage;

/// Checks that the audit database takes writes: takes the write lock and lets it go. The lock
/// may be held by a commit or a retention step, and SQLite waits for it synchronously: the probe
/// runs on the pool, never on the socket thread a request runs on (Hosting/InlineScheduling).
public static class DatabaseProbe
{
    public static Func<CancellationToken, Task<bool>> Writable(AuditDatabase database) =>
        ct => Task.Run(() => TakesWrites(database), ct);

    private static bool TakesWrites(AuditDatabase database)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
        command.ExecuteNonQuery();
        return true;
    }
}
