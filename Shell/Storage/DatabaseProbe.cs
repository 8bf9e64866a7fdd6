namespace Menshen.Shell.Storage;

/// Checks that the audit database takes writes: takes the write lock and lets it go.
public static class DatabaseProbe
{
    public static Func<CancellationToken,
        Task<bool>> Writable(AuditDatabase database) => async ct =>
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
        await command.ExecuteNonQueryAsync(ct);
        return true;
    };
}
