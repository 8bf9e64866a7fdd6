namespace Menshen.Shell.Tests.Support;

/// Files of the repository the tests run from (found by walking up to Menshen.sln).
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Menshen.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Menshen.sln not found above " + AppContext.BaseDirectory);
    }
}
