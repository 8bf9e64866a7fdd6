using LanguageExt;

namespace Menshen.Core.Config.Reading;

/// Finds the known key an unknown key most likely meant.
public static class KeySuggestion
{
    /// The known key nearest to `key` by edit distance (ignoring case and `-` vs `_`), or a known
    /// key that one is a prefix of; None when nothing is close enough to be a plausible typo.
    public static Option<string> Nearest(string key, IEnumerable<string> known)
    {
        var wanted = Normalize(key);
        var best = known
            .Select(k => (Key: k, Distance: Distance(wanted, Normalize(k))))
            .Where(c => c.Distance <= Tolerance(wanted) || IsPrefixMatch(wanted, Normalize(c.Key)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
        return Prelude.Optional(best);
    }

    /// Edit distance counting a swap of two neighbours as one edit (optimal string alignment):
    /// `modle` is one typo from `model`, not two (helper-76: no suggestion was made for it).
    public static int Distance(string a, string b)
    {
        var before = new int[b.Length + 1];
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
            }

            (before, previous) = (previous, current);
        }

        return previous[b.Length];
    }

    // Short keys tolerate one typo, longer ones up to three.
    private static int Tolerance(string key) => Math.Clamp(key.Length / 3, 1, 3);

    private static bool IsPrefixMatch(string key, string known) =>
        Math.Min(key.Length, known.Length) >= 4
        && (known.StartsWith(key, StringComparison.Ordinal)
            || key.StartsWith(known, StringComparison.Ordinal));

    private static string Normalize(string key) => key.ToLowerInvariant().Replace('-', '_');
}
