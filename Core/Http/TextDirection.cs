namespace Menshen.Core.Http;

/// Unicode's explicit direction marks, embeddings, overrides and isolates: invisible characters
/// that make text read in another order (`\u202E` made a path read backwards). Names refuse
/// them and log values escape them; the dashboard's format.js hides the same set.
public static class TextDirection
{
    public static bool Is(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E')
            or (>= '\u2066' and <= '\u2069');
}
