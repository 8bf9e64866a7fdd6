namespace Menshen.Core.Audit;

/// Which failures of an audit write are the storage's, not the rows'. A full disk, an I/O
/// error, a file made read-only or a lock held long fail every row alike, and pass once the
/// storage recovers: the writer holds its batch and retries (the queue fills, requests wait:
/// back-pressure, never loss). Any other failure (a constraint) is a row's own, found by
/// writing the rows one by one.
public static class StorageFaults
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    /// True for SQLite's primary result codes of a storage that may recover.
    public static bool WaitsForStorage(int sqliteErrorCode) =>
        sqliteErrorCode is Busy or Locked or ReadOnly or IoError or Full or CantOpen;

    /// What the operator should look at for such a code. A read-only filesystem said "a full
    /// disk? free some space" (helper-66).
    public static string Hint(int sqliteErrorCode) => sqliteErrorCode switch
    {
        Full => "the disk is full: free some space",
        ReadOnly or IoError or CantOpen =>
            "the storage refuses writes: is the filesystem full, read-only or failing?",
        _ => "another process holds the database's lock",
    };
}
