namespace Menshen.Shell.Cli;

/// Finds the config file: `-config PATH`, else `./config.toml`, else
/// `~/.config/ai-menshen/config.toml`.
public static class ConfigLocator
{
    /// The resolved path, or an error naming every place looked at and how to create a config.
    public static (string? Path, string? Error) Resolve(string? configFlag, CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        if (configFlag is not null)
        {
            // An empty value would resolve to the working directory.
            if (string.IsNullOrWhiteSpace(configFlag))
                return (null, "-config needs the path of a config file; it was given empty");
            // `-config=~/x.toml` reaches us with its tilde: the shell expands only a word's start.
            var path = configFlag.StartsWith("~/", StringComparison.Ordinal)
                ? System.IO.Path.Combine(io.HomeDirectory, configFlag[2..]) : configFlag;
            var given = System.IO.Path.GetFullPath(path, io.CurrentDirectory);
            if (Directory.Exists(given)) return (null, IsDirectory(given));
            return File.Exists(given)
                ? (given, null)
                : (null, $"config file {given} does not exist; create one with: ai-menshen " +
                    $"-gen-config > {configFlag}");
        }

        var local = System.IO.Path.Combine(io.CurrentDirectory, "config.toml");
        var user = System.IO.Path.Combine(io.HomeDirectory, ".config", "ai-menshen", "config.toml");
        // The first place that holds anything decides; a folder there is a mistake to name.
        var found = new[] { local, user }.FirstOrDefault(p => File.Exists(p)
            || Directory.Exists(p));
        if (found is not null && Directory.Exists(found)) return (null, IsDirectory(found));
        return found is not null
            ? (found, null)
            : (null, $"no config file found: looked for {local} and {user}; "
                + "create one with: ai-menshen -gen-config > config.toml (then set the keys it " +
                    "names)");
    }

    private static string IsDirectory(string path) =>
        $"config path {path} is a directory, not a config file";
}
