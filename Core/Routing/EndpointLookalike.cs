namespace Menshen.Core.Routing;

/// A passthrough path that an upstream may well read as an understood endpoint: the same path
/// in other letter case (`/v1/Chat/Completions`, `/v1/meſſages`), or with a `;` parameter,
/// blanks, trailing dots or a second escape on a segment (`/v1/chat/completions;x`). Servers
/// that match paths without case (Express by default, ASP.NET) or drop `;` parameters (Tomcat,
/// Spring) would then serve it, while the gateway had forwarded it unchanged: no model routing,
/// no forced `model`, no usage counted.
public static class EndpointLookalike
{
    /// The understood path `path` looks like (with the client's own `/v1` prefix), or null when
    /// it is understood itself or looks like none.
    public static string? Of(CanonicalPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Nearly every path is lower case without `;` or blanks: no classifying, no allocation.
        if (!MayLookLike(path.Value) || EndpointClassifier.Classify(path).IsUnderstood)
            return null;
        var segments = path.Value.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Plain)
            .ToArray();
        var meant = "/" + string.Join('/', segments);
        if (meant == path.Value) return null;
        var check = CanonicalPath.Parse(meant);
        return check.Path is { } candidate && EndpointClassifier.Classify(candidate).IsUnderstood
            ? meant
            : null;
    }

    private static bool MayLookLike(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsUpper(c) || c is ';' or '%' || c > '\x7F' || char.IsWhiteSpace(c)
                || (c == '.' && (i == path.Length - 1 || path[i + 1] == '/')))
                return true;
        }
        return false;
    }

    // A segment as an understood endpoint would have it: cut at a `;` parameter or at an
    // escape left after the one decode (`%20` of a `%2520`, for a server that decodes again),
    // without blanks or trailing dots (IIS drops them), and folded as a case-blind compare
    // folds it: lower case, and the letters that other stacks fold to ASCII (Java's
    // equalsIgnoreCase takes the long s for S and the dotless i for I; the invariant casing
    // of .NET leaves them).
    private static string Plain(string segment)
    {
        var cut = segment.IndexOfAny([';', '%']);
        var kept = cut < 0 ? segment : segment[..cut];
        var lower = kept.Trim().TrimEnd('.').Trim().ToLowerInvariant();
        return string.Create(lower.Length, lower, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch
                {
                    '\u017F' => 's',
                    '\u0131' or '\u0130' => 'i',
                    '\u212A' => 'k',
                    var c => c,
                };
            }
        });
    }
}
