namespace Menshen.Core.Http;

/// Whether a request header value can be sent upstream as it came: visible ASCII, spaces and
/// tabs only. HttpClient refuses anything else, so such a header gets 400 naming it instead of a
/// 502 blamed on the upstream.
public static class HeaderValueCheck
{
    public static bool CanForward(string? value)
    {
        if (value is null) return true;
        foreach (var c in value)
        {
            if (c is not ((>= ' ' and <= '~') or '\t')) return false;
        }
        return true;
    }
}
