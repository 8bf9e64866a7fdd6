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
            var given = System.IO.Path.GetFullPath(configFlag, io.CurrentDirectory);
            return File.Exists(given)
                ? (given, null)
                : (null, $"config file {given} does not exist; create one with: ai-menshen " +
                    $"-gen-config > {configFlag}");
        }

        var local = System.IO.Path.Combine(io.CurrentDirectory, "config.toml");
        var user = System.IO.Path.Combine(io.HomeDirectory, ".config", "ai-menshen", "config.toml");
        var found = new[] { local, user }.FirstOrDefault(File.Exists);
        return found is not null
            ? (found, null)
            : (null, $"no config file found: looked for {local} and {user}; "
                + "create one with: ai-menshen -gen-config > config.toml (then set the keys it " +
                    "names)");
    }
}
