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
        var segments = string.Join('/', path.Value.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(Plain))
            .Split('/', StringSplitOptions.RemoveEmptyEntries);
        var meant = "/" + string.Join('/', segments);
        if (meant == path.Value) return null;
        // A dot segment only a folding server sees (fullwidth `．．`): refused where it climbs
        // out of the path under base_url, as the gateway refuses it spelled plainly, or lands
        // on an endpoint; elsewhere (`/v1/files/a/．．`) it is a name like any other.
        if (segments.Any(s => s is "." or ".."))
        {
            var resolved = Resolved(segments);
            var lands = CanonicalPath.Parse(resolved).Path is { } at
                && EndpointClassifier.Classify(at).IsUnderstood;
            return lands || ClimbsOut(segments) ? resolved : null;
        }
        var check = CanonicalPath.Parse(meant);
        return check.Path is { } candidate && EndpointClassifier.Classify(candidate).IsUnderstood
            ? meant
            : null;
    }

    // Above the first segment after the optional `/v1`: beyond base_url's own path.
    private static bool ClimbsOut(string[] segments)
    {
        var depth = 0;
        foreach (var segment in segments.Skip(segments is ["v1", ..] ? 1 : 0))
        {
            if (segment == "..") { if (--depth < 0) return true; }
            else if (segment != ".") depth++;
        }
        return false;
    }

    private static string Resolved(string[] segments)
    {
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment == "..") { if (kept.Count > 0) kept.RemoveAt(kept.Count - 1); }
            else if (segment != ".") kept.Add(segment);
        }
        return "/" + string.Join('/', kept);
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

    // A segment as an understood endpoint would have it: cut at a `;` parameter, an escape left
    // after the one decode decoded again (`%20` of a `%2520`, `%73` of a `%2573`: for a server
    // that decodes twice), without blanks, trailing dots (IIS drops them) or invisible format
    // characters (a zero-width space), and folded as a case-blind or compatibility compare
    // folds it: lower case, fullwidth forms to ASCII (NFKC: `ｃ` is `c`, `／` is `/`), and the
    // letters that other stacks fold to ASCII (Java's equalsIgnoreCase takes the long s for S
    // and the dotless i for I; the invariant casing of .NET leaves them). helper-62.
    private static string Plain(string segment)
    {
        var cut = segment.IndexOf(';');
        var kept = Uri.UnescapeDataString(cut < 0 ? segment : segment[..cut]);
        var folded = new System.Text.StringBuilder(kept.Length);
        foreach (var c in kept)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                continue;
            folded.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u017F' => 's',
                '\u0131' or '\u0130' => 'i',
                '\u212A' => 'k',
                _ => c,
            });
        }
        var plain = folded.ToString().Trim();
        return plain is "." or ".." ? plain : plain.TrimEnd('.').Trim().ToLowerInvariant();
    }
}
