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
        // The import's own question: a file it would leave alone needs no copy.
        if (string.IsNullOrEmpty(file) || !LegacySchema.Read(connection, null).IsPresent) return;
        // A copy an earlier import kept stays as it is: it may hold a history ai-menshen wrote
        // since (helper-83: a stale copy was taken for this file's, and the tables dropped).
        var copy = FreeName(file);
        try
        {
            // Created empty and private first: the copy holds every body of the history.
            SecureFile.Prepare(copy);
            // A consistent copy whatever the WAL holds, written into that empty file.
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO @copy";
            command.Parameters.AddWithValue("@copy", copy);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or IOException
            or UnauthorizedAccessException)
        {
            TryDelete(copy);
            throw new IOException($"ai-menshen's tables in {file} are imported "
                + $"and then dropped, and a copy of the file as it is could not be kept at {copy} "
                + $"first ({e.Message}); free space there (the copy is as large as the file), or "
                + "make the folder writable, and start again", e);
        }
        logger.LogInformation("audit database: ai-menshen's tables found; the file as it was is "
            + "kept at {Copy} before they are imported into this gateway's tables and dropped",
            copy);
    }

    /// `FILE.ai-menshen-go.bak`, or the first of `FILE.ai-menshen-go.2.bak`, `.3.bak`, … that
    /// does not exist.
    public static string FreeName(string file)
    {
        var name = file + Suffix;
        for (var n = 2; File.Exists(name) || Directory.Exists(name); n++)
            name = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{file}.ai-menshen-go.{n}.bak");
        return name;
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
