namespace Menshen.Shell.Storage;

/// Makes the database file private before SQLite touches it. SQLite gives the -wal and -shm
/// files it creates the mode of the main file, so a 0600 main file keeps all three private.
internal static class SecureFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerOnly | UnixFileMode.UserExecute;

    public static void Prepare(string path)
    {
        // .NET says "The file '…' already exists" for both, which names no mistake (helper-65).
        if (Directory.Exists(path))
            throw new IOException($"{path} is a folder; the path names the database file in it");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        for (var f = folder; f is not null; f = Path.GetDirectoryName(f))
        {
            if (File.Exists(f)) throw new IOException($"{f} is a file, not a folder");
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        CreateFolders(folder);
        if (!File.Exists(path)) CreateEmpty(path);
        // Files left by ai-menshen (or a loose umask) are tightened too.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file)
                && File.GetUnixFileMode(file) != OwnerOnly) File.SetUnixFileMode(file, OwnerOnly);
        }
    }

    // Each folder created gets 0700 explicitly: the create mode is masked by the umask, and the
    // parents CreateDirectory makes on the way are not given that mode at all.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateFolders(string folder)
    {
        var missing = new Stack<string>();
        for (var f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
            missing.Push(f);
        foreach (var created in missing)
        {
            Directory.CreateDirectory(created, OwnerFolder);
            File.SetUnixFileMode(created, OwnerFolder);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateEmpty(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        };
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else in the meantime: its mode is fixed just after.
        }
    }
}
