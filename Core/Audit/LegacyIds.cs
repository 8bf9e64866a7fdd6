namespace Menshen.Core.Audit;

/// Ids of rows imported from ai-menshen: `req-` and its id text, kept in `legacy_id` so a request
/// id noted from the old logs still finds its row.
public static class LegacyIds
{
    public const string Prefix = "req-";
    private const int MaxLength = 100;

    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= Prefix.Length || text.Length > MaxLength) return false;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        foreach (var c in text.AsSpan(Prefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        }
        return true;
    }
}
