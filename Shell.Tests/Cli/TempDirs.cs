namespace Menshen.Shell.Tests.Cli;

/// A throwaway working directory and home directory, deleted on dispose.
public sealed class TempDirs : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("menshen-cli-");

    public TempDirs()
    {
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Home);
    }

    public string Work => Path.Combine(_root.FullName, "work");

    public string Home => Path.Combine(_root.FullName, "home");

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Work, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
