using System.Text.Unicode;

namespace Menshen.Core.Audit;

/// Whether a stored body reads as text, and where text may be cut. Clients and upstreams send
/// bodies that are no text (an mp3 from `/v1/audio/speech`, a downloaded file); decoded anyway,
/// each bad byte became U+FFFD: garbage to read, and three times the bytes (six in JSON).
public static class BodyText
{
    // Media whose bytes are never text, whatever they happen to hold. Not
    // application/octet-stream: a file download is that, a JSONL batch file too, and text.
    private static readonly string[] BinaryTypePrefixes = ["audio/", "video/", "font/"];

    private static readonly string[] BinaryTypes =
    [
        "application/pdf", "application/zip", "application/gzip", "application/x-gzip",
        "application/x-tar", "application/x-7z-compressed", "application/wasm",
        "application/x-protobuf", "application/vnd.apache.arrow.stream",
    ];

    /// True when `bytes` are no text to show: the content type names a medium that never is
    /// (audio, image, video, font, archives, PDF), or the bytes hold a NUL, or they are not
    /// UTF-8 and the content type does not declare text. A declared text (JSON, SSE, `text/*`)
    /// with a bad byte is still text, shown with U+FFFD for each bad sequence: one bad byte in
    /// a stream made the whole answer "binary" (helper-92).
    /// `cut`: the bytes are the start of a longer body, so a character cut at their end is text.
    public static bool IsBinary(ReadOnlySpan<byte> bytes, string? contentType, bool cut)
    {
        if (IsBinaryMedium(contentType)) return true;
        var whole = cut ? bytes[..CharBoundary(bytes, bytes.Length)] : bytes;
        // JSON, SSE and plain text never hold a NUL; UTF-16 text and most binaries do.
        if (whole.Contains((byte)0)) return true;
        return !IsTextMedium(contentType) && !Utf8.IsValid(whole);
    }

    /// Whether the content type declares text: `text/*`, JSON (`application/json`, `+json`)
    /// or JSON lines.
    public static bool IsTextMedium(string? contentType)
    {
        if (contentType is null) return false;
        var medium = Medium(contentType);
        return medium.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || medium.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || medium.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || medium.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || medium.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase);
    }

    /// The longest length of at most `maxBytes` at which `bytes` may be cut without splitting
    /// a UTF-8 sequence (bytes that are not UTF-8 are cut at `maxBytes`).
    public static int CharBoundary(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        var end = Math.Clamp(maxBytes, 0, bytes.Length);
        // Step back over continuation bytes (10xxxxxx) to the lead byte of the last sequence.
        for (var at = end - 1; at >= 0 && at >= end - 4; at--)
        {
            var b = bytes[at];
            if ((b & 0xC0) == 0x80) continue;
            var length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            return at + length > end ? at : end;
        }
        return end;
    }

    // The type and subtype, without parameters.
    private static ReadOnlySpan<char> Medium(string contentType)
    {
        var medium = contentType.AsSpan();
        var semicolon = medium.IndexOf(';');
        if (semicolon >= 0) medium = medium[..semicolon];
        return medium.Trim();
    }

    private static bool IsBinaryMedium(string? contentType)
    {
        if (contentType is null) return false;
        var medium = Medium(contentType);
        // SVG is XML: an image that is text.
        if (medium.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            return !medium.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
        foreach (var prefix in BinaryTypePrefixes)
            if (medium.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var type in BinaryTypes)
            if (medium.Equals(type, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
