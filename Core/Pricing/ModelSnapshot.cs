namespace Menshen.Core.Pricing;

/// Recognises the date suffix that providers put on model snapshots.
internal static class ModelSnapshot
{
    /// `name` without a trailing `-YYYY-MM-DD` or `-YYYYMMDD` date, or null when it has none.
    /// Shorter suffixes (`gpt-4-0613`) are not dates one can tell from version numbers.
    public static string? UndatedName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var shape in (ReadOnlySpan<string>)["-dddd-dd-dd", "-dddddddd"])
        {
            var start = name.Length - shape.Length;
            if (start > 0 && Matches(name.AsSpan(start), shape) && IsDate(name.AsSpan(start)))
            {
                return name[..start];
            }
        }
        return null;
    }

    private static bool Matches(ReadOnlySpan<char> suffix, string shape)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            var ok = shape[i] == 'd' ? char.IsAsciiDigit(suffix[i]) : suffix[i] == shape[i];
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    // Month 01-12 and day 01-31 keep a build number like `-20241399` from passing as a date.
    private static bool IsDate(ReadOnlySpan<char> suffix)
    {
        Span<char> digits = stackalloc char[8];
        var n = 0;
        foreach (var c in suffix)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
        }
        var month = int.Parse(digits[4..6], provider: null);
        var day = int.Parse(digits[6..8], provider: null);
        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }
}
