using System.Runtime.Versioning;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Install;

/// Runs the repository's install.sh against the loopback release, as a user would, in a temp HOME.
public static class InstallScript
{
    public static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    public static string FilePath => RepoFiles.PathOf("install.sh");

    /// `shell` is the interpreter with its options ("dash", "bash --posix"); `env` adds to or
    /// (null values) removes from the test's environment.
    public static Task<ProcessRun> RunAsync(ReleaseBuild release, string shell, string home,
        IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["MENSHEN_DOWNLOAD_BASE"] = release.BaseUrl,
            ["MENSHEN_CHINA_MIRROR"] = null,
        };
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
            environment[name] = value;
        var command = shell.Split(' ');
        return ProcessRun.Of(command[0], [.. command[1..], FilePath, .. args], environment,
            workDir: home);
    }

    /// A folder to use as the whole PATH, holding links to only these commands (to take one away).
    public static string PathWith(string folder, params string[] commands)
    {
        Directory.CreateDirectory(folder);
        foreach (var command in commands)
            File.CreateSymbolicLink(Path.Combine(folder, command), Which(command));
        return folder;
    }

    /// A PATH folder whose `uname` reports another system (`uname -s`, `uname -m`).
    [UnsupportedOSPlatform("windows")]
    public static string FakeUname(string folder, string system, string machine)
    {
        Directory.CreateDirectory(folder);
        var uname = Path.Combine(folder, "uname");
        File.WriteAllText(uname,
            $"#!/bin/sh\ncase \"$1\" in -s) echo {system} ;; -m) echo {machine} ;; esac\n");
        File.SetUnixFileMode(uname, Mode0755);
        return folder;
    }

    public static string Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException(command + " is not on PATH");

    /// What the installed binary says about itself.
    public static async Task<string> VersionOf(string binary) =>
        (await ProcessRun.Of(binary, ["-version"])).Out;
}
