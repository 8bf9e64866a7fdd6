namespace Menshen.Core.Http;

/// The one answer to "is this body an SSE stream?", asked by the relay, the cache replay and the
/// usage watch alike.
public static class SseContent
{
    public const string MediaType = "text/event-stream";

    /// True when a Content-Type's media type (before any `;` parameters) is text/event-stream.
    public static bool Is(string? contentType)
    {
        if (contentType is null) return false;
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0) media = media[..semicolon];
        return media.Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }
}
