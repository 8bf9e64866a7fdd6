using System.Globalization;

namespace Menshen.Core.Config.Document;

/// Builds the key paths used in messages: `providers[1].weight`, `pricing."gpt-4.1".input`.
public static class KeyPath
{
    /// `parent.key`, quoting `key` the way TOML would when it is not a bare key.
    public static string Child(string parent, string key) =>
        parent.Length == 0 ? Quote(key) : $"{parent}.{Quote(key)}";

    /// `parent[index]`.
    public static string Index(string parent, int index) =>
        $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// The key as TOML writes it: bare when it is only letters, digits, `_` and `-`.
    public static string Quote(string key) =>
        key.Length > 0 && key.All(IsBareChar)
            ? key
            : "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static bool IsBareChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
