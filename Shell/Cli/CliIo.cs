using System.Collections;

namespace Menshen.Shell.Cli;

/// The process surroundings the CLI reads and writes, passed in so tests can run it for real
/// with string writers and a made-up environment.
public sealed record CliIo(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Environment,
    string CurrentDirectory,
    string HomeDirectory)
{
    /// The real console, environment, working directory and home directory.
    public static CliIo FromProcess()
    {
        var env = System.Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var home = env.TryGetValue("HOME", out var h) && h.Length > 0
            ? h
            : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return new CliIo(Console.Out, Console.Error, env, System.Environment.CurrentDirectory,
            home);
    }
}
