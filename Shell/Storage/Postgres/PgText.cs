namespace Menshen.Shell.Storage.Postgres;

/// PostgreSQL's text cannot hold U+0000 (the server refuses the whole statement), while a
/// client's model name or an upstream's response id or error may carry one, and SQLite keeps it.
/// Stored and looked up as U+FFFD instead: refused, the audit row would be lost.
internal static class PgText
{
    public static string? Storable(string? text) =>
        text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? text.Replace('\0', '\uFFFD')
            : text;

    /// The array's strings made storable, in place.
    public static void MakeStorable(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (values[i] is string text) values[i] = Storable(text);
    }
}
