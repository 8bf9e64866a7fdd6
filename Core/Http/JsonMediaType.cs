namespace Menshen.Core.Http;

/// "Is this body JSON?" by its Content-Type: `application/json` or a `+json` suffix type, with
/// any `;` parameters.
public static class JsonMediaType
{
    public static bool Is(string? contentType)
    {
        if (contentType is null) return false;
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0) media = media[..semicolon];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
