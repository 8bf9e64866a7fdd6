using System.Collections.Immutable;
using System.Globalization;
using LanguageExt;
using LanguageExt.Common;

namespace Menshen.Core.Config.Validation;

/// One `on_status` item: `429`, an inclusive range `"500..599"`, or a class `"5xx"`.
internal static class StatusSpec
{
    private const string Expected = "a status (429), a range (\"500..599\") or a class (\"5xx\")";

    public static Validation<Error, ImmutableArray<int>> Parse(string key, string text)
    {
        var spec = text.Trim();
        if (spec.Length == 3 && spec[0] is >= '1' and <= '5'
            && spec[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
        {
            var first = (spec[0] - '0') * 100;
            return Range(first, first + 99);
        }

        var dots = spec.IndexOf("..", StringComparison.Ordinal);
        return dots < 0 ? Single(key, spec, text)
            : Span(key, spec[..dots], spec[(dots + 2)..], text);
    }

    private static Validation<Error,
        ImmutableArray<int>> Single(string key, string spec, string text) =>
        Number(spec) is { } status
            ? InBounds(key, status, text).Map(s => ImmutableArray.Create(s))
            : ConfigError.At(key, $"expected {Expected}, got '{text}'");

    private static Validation<Error,
        ImmutableArray<int>> Span(string key, string from, string to, string text)
    {
        if (Number(from) is not { } low || Number(to) is not { } high)
        {
            return ConfigError.At(key, $"expected {Expected}, got '{text}'");
        }

        return low > high
            ? ConfigError.At(key, $"the range '{text}' runs backwards; write '{high}..{low}'")
            // One error for the range, even when both ends are out of bounds.
            : InBounds(key, low, text).Bind(l => InBounds(key, high, text).Map(h => Range(l, h)));
    }

    private static Validation<Error, int> InBounds(string key, int status, string text) =>
        status is >= 100 and <= 599
            ? status
            : ConfigError.At(key, $"every status must be from 100 to 599, got '{text}'");

    private static ImmutableArray<int> Range(int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1)];

    private static int? Number(string text) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}
