using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage.Legacy;

/// Migration 2 imports ai-menshen's (Go) tables and drops them. Before it does, a copy of the
/// file as ai-menshen left it is kept beside it (helper-81: going back to the Go binary found an
/// empty history), so that a team trying this gateway can return to ai-menshen.
internal static class LegacyBackup
{
    public const string Suffix = ".ai-menshen-go.bak";

    public static void KeepCopy(SqliteConnection connection, ILogger logger)
    {
        var file = connection.DataSource;
        if (string.IsNullOrEmpty(file) || !HasLegacyTables(connection)) return;
        var copy = file + Suffix;
        if (File.Exists(copy))
        {
            logger.LogInformation("audit database: ai-menshen's history is imported next; the "
                + "copy of the file kept before is still at {Copy}", copy);
            return;
        }
        try
        {
            // A consistent copy whatever the WAL holds, written to a new file only.
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO @copy";
            command.Parameters.AddWithValue("@copy", copy);
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            TryDelete(copy);
            throw new IOException($"ai-menshen's tables in {file} are imported "
                + $"and then dropped, and a copy of the file as it is could not be kept at {copy} "
                + $"first ({e.Message}); free space there (the copy is as large as the file) "
                + "and start again", e);
        }
        logger.LogInformation("audit database: ai-menshen's tables found; the file as it was is "
            + "kept at {Copy} before they are imported into this gateway's tables and dropped",
            copy);
    }

    private static bool HasLegacyTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'request_logs'";
        return Convert.ToInt64(command.ExecuteScalar(),
            System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // nothing was written, or the folder refuses: the message above says what to do
        }
    }
}
