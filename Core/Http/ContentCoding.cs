namespace Menshen.Core.Http;

/// How an upstream body is encoded (`Content-Encoding`), as far as the audit can decode it.
public enum ContentCoding
{
    Identity,
    Gzip,
    Deflate,
    Brotli,

    /// Zstandard (RFC 8878): Codex compresses its request bodies with it when signed in with
    /// ChatGPT.
    Zstd,

    /// Several codings, or one the audit does not know: the body is relayed but not read.
    Unsupported,
}

public static class ContentCodings
{
    private const StringSplitOptions Parts =
        StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;

    /// The coding named by the `Content-Encoding` values (none or `identity`: Identity).
    public static ContentCoding Of(IEnumerable<string> contentEncoding)
    {
        ArgumentNullException.ThrowIfNull(contentEncoding);
        // The usual answer names none: no query built for it (each answer asks, some twice).
        if (contentEncoding is ICollection<string> { Count: 0 }) return ContentCoding.Identity;
        var codings = contentEncoding
            .SelectMany(v => v.Split(',', Parts))
            .Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (codings.Length == 0) return ContentCoding.Identity;
        if (codings.Length > 1) return ContentCoding.Unsupported;
        return codings[0].ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => ContentCoding.Gzip,
            "deflate" => ContentCoding.Deflate,
            "br" => ContentCoding.Brotli,
            "zstd" => ContentCoding.Zstd,
            _ => ContentCoding.Unsupported,
        };
    }

    /// True when a `deflate` body starts with a zlib header (RFC 1950: compression method 8, and
    /// the two bytes a multiple of 31), as RFC 9110 says it must. Some servers send raw RFC 1951
    /// data instead; a raw stream starts with a block header, which these two bytes never pass
    /// for. Fewer than two bytes: assumed zlib.
    public static bool IsZlibHeader(ReadOnlySpan<byte> start) =>
        start.Length < 2 || ((start[0] & 0x0F) == 8 && ((start[0] << 8) | start[1]) % 31 == 0);
}
