using System.Collections.Immutable;

namespace Menshen.Core.Routing;

/// Model patterns of `models` and `[aliases]`: `*` is any run of characters, `?` one character,
/// everything else itself (case-sensitive, as providers compare model names). A character is a
/// code point, as Go's `path.Match` (ai-menshen's) counts it: an emoji or a rare kanji is one,
/// though .NET holds it in two units.
public static class ModelGlob
{
    /// True when `text` holds `*` or `?`, so it names a family of models rather than one.
    public static bool IsPattern(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// True when `models` is empty (the provider serves every model) or one pattern matches.
    public static bool Serves(ImmutableArray<string> models, string model)
    {
        if (models.IsEmpty)
        {
            return true;
        }

        foreach (var pattern in models)
        {
            if (Matches(pattern, model))
            {
                return true;
            }
        }

        return false;
    }

    /// Whole-string match, backtracking only to the last `*`: O(pattern × model) at worst, and
    /// no allocation.
    public static bool Matches(string pattern, string model)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(model);
        int p = 0, m = 0, star = -1, resume = 0;
        while (m < model.Length)
        {
            var oneChar = p < pattern.Length && pattern[p] != '*';
            if (oneChar && pattern[p] == '?')
            {
                p++;
                m += CodePointLength(model, m);
            }
            else if (oneChar && pattern[p] == model[m])
            {
                p++;
                m++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = m;
            }
            else if (star >= 0)
            {
                // The last `*` swallows one more character and matching resumes after it.
                p = star + 1;
                resume += CodePointLength(model, resume);
                m = resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    // 2 at a surrogate pair, else 1 (a lone surrogate is a character of its own).
    private static int CodePointLength(string text, int at) =>
        char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1])
            ? 2 : 1;
}
