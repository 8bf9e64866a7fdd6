namespace Menshen.Shell.Storage;

/// One gateway per SQLite file. Two would hand out the same audit ids (an id is a microsecond
/// and a sequence, with no instance part; PostgreSQL gives each instance its own) and lose rows
/// to the clash. Held for the process's life as an exclusive lock on `PATH-lock` beside the
/// database (never on the database file: closing another descriptor of it would drop SQLite's
/// own locks); the operating system lets it go when the process ends, however it ends.
internal sealed class SqliteInstanceLock : IDisposable
{
    private readonly FileStream _held;

    private SqliteInstanceLock(FileStream held) => _held = held;

    /// The lock of the database at `databasePath`, or an IOException that says what to do.
    public static SqliteInstanceLock Acquire(string databasePath) =>
        Acquire(databasePath, "give each instance its own [storage.sqlite] path, or share "
            + "PostgreSQL ([storage] backend = \"postgres\")");

    /// The same lock on another file of one instance's own (PostgreSQL's spool); `advice`
    /// completes the error when another process holds it.
    public static SqliteInstanceLock Acquire(string databasePath, string advice)
    {
        var path = databasePath + "-lock";
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            return new SqliteInstanceLock(new FileStream(path, options));
        }
        catch (IOException ex) when (IsHeldByAnother(ex))
        {
            throw new IOException(
                $"another ai-menshen uses it (its lock {path} is held); {advice}", ex);
        }
    }

    public void Dispose() => _held.Dispose();

    // The lock taken: EWOULDBLOCK from flock (11 on Linux, 35 on macOS), a sharing violation on
    // Windows. Any other failure (a read-only file system) says what it is itself.
    private static bool IsHeldByAnother(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020);
}
