namespace Menshen.Core.Audit;

// A context block an agent appends to its request as a user message of its own, e.g.
// OpenClaw's `<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>> … <<<END_OPENCLAW_INTERNAL_CONTEXT>>>`:
// the whole text is one marker pair whose name ends in `CONTEXT`. The agent's words, not the
// person's.
public static class InjectedContext
{
    private const string Begin = "<<<BEGIN_";
    private const string End = "<<<END_";
    private const string Close = ">>>";

    public static bool IsBlock(ReadOnlySpan<char> text)
    {
        var span = text.Trim();
        if (!span.StartsWith(Begin, StringComparison.Ordinal)) return false;
        var nameLength = span[Begin.Length..].IndexOf(Close, StringComparison.Ordinal);
        if (nameLength <= 0) return false;
        var name = span.Slice(Begin.Length, nameLength);
        if (!IsMarkerName(name) || !name.EndsWith("CONTEXT", StringComparison.Ordinal))
            return false;
        var opening = Begin.Length + nameLength + Close.Length;
        var closing = End.Length + nameLength + Close.Length;
        if (span.Length < opening + closing) return false;
        var tail = span[^closing..];
        return tail.StartsWith(End, StringComparison.Ordinal)
            && tail.Slice(End.Length, nameLength).SequenceEqual(name)
            && tail.EndsWith(Close, StringComparison.Ordinal);
    }

    private static bool IsMarkerName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (c is not (>= 'A' and <= 'Z' or >= '0' and <= '9' or '_')) return false;
        return true;
    }
}
