using System.Text;

namespace Menshen.Core.Audit;

/// A stored body as the audit's detail view shows it: its text, at most `MaxTextBytes` of it,
/// or no text when it is binary (`BodyText.IsBinary`). The database keeps the body whole; the
/// cap keeps one view from decoding tens of megabytes into strings and JSON.
/// `StoredBytes`: the bytes the database holds of the body (the capture may have cut it).
public sealed record ShownBody(string? Text, bool Binary, bool TextTruncated, long StoredBytes)
{
    /// 1 MiB of UTF-8: more than a reader pages through, at most 2 MB as a .NET string.
    public const int MaxTextBytes = 1 << 20;

    /// What the detail shows of `body`; null when the body was not recorded.
    public static ShownBody? Of(CapturedBody? body, string? contentType,
        int maxTextBytes = MaxTextBytes)
    {
        if (body is null) return null;
        var bytes = body.Bytes.Span;
        if (BodyText.IsBinary(bytes, contentType, body.Truncated))
            return new ShownBody(null, true, false, bytes.Length);
        // A capture cut inside a character, or the view's cap, ends the text at a whole one.
        var length = bytes.Length <= maxTextBytes && !body.Truncated
            ? bytes.Length
            : BodyText.CharBoundary(bytes, maxTextBytes);
        return new ShownBody(Encoding.UTF8.GetString(bytes[..length]), false,
            bytes.Length > maxTextBytes, bytes.Length);
    }
}
