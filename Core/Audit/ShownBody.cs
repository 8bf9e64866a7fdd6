using System.Text;
using System.Text.Unicode;

namespace Menshen.Core.Audit;

/// A stored body as the audit's detail view shows it: its text, at most `MaxTextBytes` of it,
/// or no text when it is binary (`BodyText.IsBinary`). The database keeps the body whole; the
/// cap keeps one view from decoding tens of megabytes into strings and JSON.
/// `StoredBytes`: the bytes the database holds of the body (the capture may have cut it).
/// `Lossy`: the text holds bytes that are not UTF-8, each bad sequence shown as U+FFFD (a
/// declared text medium stays text: `BodyText.IsBinary`).
public sealed record ShownBody(string? Text, bool Binary, bool TextTruncated, long StoredBytes,
    bool Lossy = false)
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
        var text = bytes[..length];
        return new ShownBody(Encoding.UTF8.GetString(text), false,
            bytes.Length > maxTextBytes, bytes.Length, !Utf8.IsValid(text));
    }
}
