namespace Menshen.Core.Reports;

/// The shape of an IANA time-zone name (`Europe/Berlin`, `Etc/GMT+5`, `UTC`), checked before the
/// Shell looks the name up, so nothing like a file path ever reaches the lookup.
public static class ZoneNames
{
    public const int MaxLength = 64;

    /// True for one or more `/`-separated segments of letters, digits, `_`, `+` and `-`.
    public static bool IsWellFormed(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxLength
        && name.Split('/').All(segment => segment.Length > 0 && segment.All(IsNameChar));

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c)
        || c is '_' or '+' or '-';
}
