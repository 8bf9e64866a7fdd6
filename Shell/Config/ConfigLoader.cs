using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config;

namespace Menshen.Shell.Config;

/// Reads, parses and validates a config file. Used at start-up, by `-check-config` and on SIGHUP.
public static class ConfigLoader
{
    /// The validated config, or every problem (I/O, TOML syntax, unknown keys, invalid values).
    public static Validation<Error,
        GatewayConfig> Load(string path, IReadOnlyDictionary<string, string> env)
    {
        // .NET reports reading a directory as "Access to the path is denied", which sends a user
        // looking at permissions.
        if (Directory.Exists(path))
            return Error.New($"{path}: is a directory, not a config file");
        byte[] bytes;
        try
        {
            if (ConfigFileCheck.SizeProblem(path, new FileInfo(path).Length) is { } tooLarge)
                return Error.New(tooLarge);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error.New($"{path}: cannot read the config file: {e.Message}");
        }
        var (text, notUtf8) = ConfigFileCheck.Decode(path, bytes);
        if (text is null) return Error.New(notUtf8!);
        if (ConfigFileCheck.TextProblem(path, text) is { } notText) return Error.New(notText);

        return LoadText(text, path, env);
    }

    /// Core's warning when other users can read the config file (never on Windows, whose ACLs
    /// these bits do not describe), or null.
    public static string? AccessWarning(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            return ConfigFileCheck.AccessWarning(path, (int)File.GetUnixFileMode(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// Parses and validates TOML text; `sourceName` prefixes syntax errors.
    public static Validation<Error, GatewayConfig> LoadText(
        string text, string sourceName, IReadOnlyDictionary<string, string> env) =>
        TomlDocument.Parse(text,
        sourceName).Bind(document => ConfigPipeline.FromDocument(document, env));
}
