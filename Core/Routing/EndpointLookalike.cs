namespace Menshen.Core.Routing;

/// A passthrough path that an upstream may well read as an understood endpoint: the same path
/// in other letter case (`/v1/Chat/Completions`), or with a `;` parameter or blanks on a
/// segment (`/v1/chat/completions;x`). Servers that match paths without case (Express by
/// default, ASP.NET) or drop `;` parameters (Tomcat, Spring) would then serve it, while the
/// gateway had forwarded it unchanged: no model routing, no forced `model`, no usage counted.
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
        foreach (var c in path)
        {
            if (char.IsUpper(c) || c == ';' || char.IsWhiteSpace(c)) return true;
        }
        return false;
    }

    // A segment as an understood endpoint would have it: lower case, without a `;` parameter
    // and without blanks around it.
    private static string Plain(string segment)
    {
        var parameter = segment.IndexOf(';', StringComparison.Ordinal);
        var kept = parameter < 0 ? segment : segment[..parameter];
        return kept.Trim().ToLowerInvariant();
    }
}
