using System.Reflection;

namespace Menshen.Shell.Cli;

/// Version, commit and build time, stamped into the assembly by the build (`make build`).
public static class VersionInfo
{
    public static string Version => Metadata("MenshenVersion", "0.1.0-dev");

    public static string Commit => Metadata("MenshenCommit", "unknown");

    public static string BuildTime => Metadata("MenshenBuildTime", "unknown");

    /// `ai-menshen VERSION`, then the commit and build time, one per line.
    public static string Text => $"ai-menshen {Version}\ncommit: {Commit}\nbuilt: {BuildTime}\n";

    private static string Metadata(string key, string fallback) =>
        typeof(VersionInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key && !string.IsNullOrEmpty(a.Value))?.Value ?? fallback;
}
